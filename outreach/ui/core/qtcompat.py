"""Work-arounds for bugs in the Qt binding, in one place, each probed before it is applied.

PySide6 6.12: ``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
every signal emitted from Python lowers the reference count of ``True`` by one. After a few
thousand emits (a test session, an hour of use) CPython frees ``True`` and aborts with
"bool_dealloc: deallocating True or False". The fix wraps ``emit`` and adds the missing
reference to the returned bool. It is installed only if a probe shows the leak, so a fixed
PySide6 gets the original ``emit`` untouched.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBE_EMITS = 16
_installed = False


class _Probe(QObject):
    ping = Signal()


def incref(obj: object) -> None:
    """Add a reference to ``obj`` (for values PySide6 releases without owning them)."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


_incref = incref


def emit_leaks_bool_references() -> bool:
    """Emit a probe signal a few times and see whether ``True`` lost references."""
    probe = _Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(_PROBE_EMITS)]  # type: ignore[func-returns-value]  # stubs say None; this binding bug returns a bool
    lost = before - sys.getrefcount(True) + len([r for r in results if r is True])
    del results
    leaked = lost >= _PROBE_EMITS // 2
    if leaked:
        for _ in range(_PROBE_EMITS):  # give back what the probe itself took
            _incref(True)
    return leaked


def install_emit_refcount_fix() -> bool:
    """Wrap ``SignalInstance.emit`` if it leaks; returns whether the fix is active."""
    global _installed
    if _installed:
        return True
    if not emit_leaks_bool_references():
        return False
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            _incref(result)
        return result

    emit.__doc__ = original.__doc__
    SignalInstance.emit = emit  # type: ignore[method-assign]
    _installed = True
    return True
