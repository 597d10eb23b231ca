"""The sync contract the laptop and the office server share: the wire protocol, the merge rule
and the enrolment link. Both sides import it; it imports only ``model`` (so neither side can
change the contract without the other seeing it)."""
