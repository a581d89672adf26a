"""Clinical notes: upload, storage, understanding and the patient chart."""
