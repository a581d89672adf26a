"""FHIR R4: patients and notes imported from Bundles, the whole chart exported as resources."""
