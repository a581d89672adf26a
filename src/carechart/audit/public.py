"""The audit slice's public API: what other slices use to record who read or changed what."""

from carechart.audit.service import Action, AuditRecord, audited, commit_with_event

__all__ = ["Action", "AuditRecord", "audited", "commit_with_event"]
