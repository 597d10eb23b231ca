"""Qt item models over service results: they hold ids or plain rows, never ORM objects."""
