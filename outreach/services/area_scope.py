"""What a volunteer's laptop may not write outside its team's area (issue 14).

Such a laptop holds only a directory of the other households (address, head's name, group) and
none of their residents (``server/scope.py``). Any other field of a directory row is blank *here*
but not in the ward: a write to it would send a value over one this laptop never saw (a phone,
notes, a flag). So the service refuses, with a message that says why, to change a directory
row's other fields or to add or edit a resident of such a household; the directory fields
themselves (a corrected address, the head's name) may be written. A new household may be
registered in any group: it overwrites nothing, and once the server has it the laptop keeps only
its directory.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from outreach.errors import PermissionDenied
from outreach.model import Household
from outreach.model.field_rules import HOUSEHOLD_DIRECTORY_FIELDS
from outreach.store.served_area import served_area


def outside_area(session: Session, household: Household) -> bool:
    """Whether this laptop holds ``household`` only as a directory row."""
    area = served_area(session)
    return area is not None and household.group_id not in area


def refuse_outside_area(session: Session, household: Household, changed: Iterable[str] = ("*",)) -> None:
    """Raise ``PermissionDenied`` when ``changed`` (field names of the household; ``*``: its
    residents) touches what this laptop does not hold of an out-of-area household."""
    beyond = set(changed) - set(HOUSEHOLD_DIRECTORY_FIELDS)
    if beyond and outside_area(session, household):
        raise PermissionDenied(
            "Hộ này không thuộc địa bàn của đội: máy chỉ giữ địa chỉ và tên chủ hộ, không sửa được "
            "số điện thoại, ghi chú hay nhân khẩu. Nhờ đội phụ trách hoặc đội trưởng cập nhật.",
            "This household is outside your team's area: this laptop keeps only its address and head's "
            "name, so its phone, notes and residents cannot be changed here. Ask the team in charge or a leader.",
            code="outside_area",
        )
