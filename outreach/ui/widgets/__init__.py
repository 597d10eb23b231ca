"""Small reusable widgets (date field, inline field errors, charts, the CCCD scan field, sync status)."""
