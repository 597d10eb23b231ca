"""Vietnamese working days for the services: the calendar itself is the base module
``outreach.working_days`` (the server computes data-subject request deadlines with it too, and
the server may not import ``services``)."""

from outreach.working_days import add_working_days, is_working_day, public_holidays

__all__ = ["add_working_days", "is_working_day", "public_holidays"]
