"""The laptop's sync engine: push the outbox, pull the ward, talk HTTP, enrol. The contract it
speaks is in ``outreach.wire`` (shared with the server); what it writes goes through ``store``."""
