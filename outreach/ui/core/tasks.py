"""The one background runner of the desktop app (after Anki's ``QueryOp`` / ``CollectionOp``).

Why one runner: every screen needs the same three things — keep the GUI thread free, serialise
database writes (SQLite has one writer; queueing them in-process avoids "database is locked"
waits on the GUI's behalf), and bring results back to the GUI thread safely. Doing that once, here,
means no view owns a ``QThread`` and no worker ever touches a widget or a Qt model.

Why three entry points instead of a ``writes=`` flag: a flag lets each call site decide, and one
got it wrong (the coverage exports wrote the audit log from the read pool). The kind of work is
now the name of the call, and a write must say what it changed::

    runner = TaskRunner(parent)
    runner.query(fn, *args, on_done=..., on_error=..., progress=ProgressSpec(...))
    runner.mutate(fn, *args, changes=Changes(visits=True), initiator=self, on_done=..., ...)
    runner.network(fn, *args, changes=lambda result: ..., on_done=..., ...)

- ``query``: a read (or work on no database at all: a QR image, a file already read), on a small
  thread pool; it must not write.
- ``mutate``: a write (anything that writes the database, an audit entry included), on the one
  serial writer, in the order submitted.
- ``network``: a call that waits on the office server and may write what it brings back (sync,
  enrolment); one at a time on its own thread, so a slow server neither holds the writer (saves go
  on) nor fills the read pool (screens still load).
- ``fn(*args)`` runs on a worker thread; if ``fn`` accepts a ``task`` keyword it receives the
  ``TaskHandle`` so it can check ``task.cancelled`` and call ``task.report(done, total, label)``.
- What a write changed: ``changes`` is a ``Changes``, or a function of the result returning one
  (run on the worker); or ``fn`` returns ``Changed(value, changes)`` and ``on_done`` gets ``value``.
  After ``on_done``, a non-empty ``Changes`` is emitted with ``changed(changes, initiator)`` —
  also when the caller cancelled after the write had run (the data changed all the same). The
  main window broadcasts it to every screen (see ``outreach.ui.main_window``).
- ``on_done(result)`` / ``on_error(exc)`` are called on the GUI thread. Without ``on_error`` an
  error is logged; an ``OutreachError`` is also shown to the user (see ``outreach.ui.core.errors``).
- A cancelled task's callbacks are not called (the screen that cancelled no longer wants them).
- ``progress`` shows a ``QProgressDialog`` only if the task is still running after ``delay_ms``.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from outreach.services.changes import Changed, Changes

log = logging.getLogger(__name__)

READ_WORKERS = 3


@dataclass(frozen=True)
class ProgressSpec:
    """How to show a long task: a dialog titled ``title`` after ``delay_ms`` if still running."""

    title: str
    cancellable: bool = True
    delay_ms: int = 600


class TaskHandle:
    """What the caller and the worker share: a cancel flag and thread-safe progress."""

    def __init__(self, runner: TaskRunner, task_id: int) -> None:
        self._runner = runner
        self.task_id = task_id
        self._cancelled = threading.Event()
        self._finished = threading.Event()
        self.future: Future[Any] | None = None

    @property
    def cancelled(self) -> bool:
        """True once ``cancel()`` was called; a worker checks it between steps and returns early."""
        return self._cancelled.is_set()

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def cancel(self) -> None:
        """Ask the worker to stop; its callbacks will not be called."""
        self._cancelled.set()
        if self.future is not None:
            self.future.cancel()

    def report(self, done: int, total: int, label: str = "") -> None:
        """Report progress from the worker thread (queued to the GUI thread by a signal)."""
        self._runner._progress.emit(self.task_id, int(done), int(total), label)


#: What a write says it changed: a value, or a function of its result (see the module docstring).
ChangesSpec = Changes | Callable[[Any], Changes] | None


@dataclass
class _Pending:
    handle: TaskHandle
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    progress: ProgressSpec | None
    initiator: object | None = None
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    last_progress: tuple[int, int, str] | None = None


def _accepts_task(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "task" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


class TaskRunner(QObject):
    """Runs callables off the GUI thread; create one per application and pass it to screens."""

    #: (task id, ok as 0/1, result or exception) — emitted from worker threads, delivered queued.
    #: ``ok`` is an int: a Python bool through a queued PySide6 signal corrupted bool refcounts.
    _finished = Signal(int, int, object)
    _progress = Signal(int, int, int, str)
    #: Emitted on the GUI thread after any task's callbacks ran; tests wait on it.
    task_finished = Signal(int)
    #: Emitted on the GUI thread when no task is running any more.
    idle = Signal()
    #: (Changes, initiator) after a write's ``on_done``: what it changed and who asked for it.
    changed = Signal(object, object)

    def __init__(self, parent: QObject | None = None, *, dialog_parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outreach-write")
        self._readers = ThreadPoolExecutor(max_workers=READ_WORKERS, thread_name_prefix="outreach-read")
        self._network = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outreach-network")
        self._pending: dict[int, _Pending] = {}
        self._next_id = 1
        self._lock = threading.Lock()
        self.dialog_parent = dialog_parent
        self.language = "vi"
        self._shut_down = False
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    # -- public -------------------------------------------------------------------------------

    def query(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress: ProgressSpec | None = None,
    ) -> TaskHandle:
        """Read in the background, beside other reads; ``fn`` must not write (use ``mutate``)."""
        return self._submit(self._readers, fn, args, on_done=on_done, on_error=on_error, progress=progress)

    def mutate(
        self,
        fn: Callable[..., Any],
        *args: Any,
        changes: ChangesSpec = None,
        initiator: object | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress: ProgressSpec | None = None,
    ) -> TaskHandle:
        """Write on the serial writer, after every write queued before; then broadcast ``changes``.

        ``changes`` may be left out only if ``fn`` returns ``Changes`` or ``Changed``: a write that
        does not say what it changed is delivered to ``on_error`` as a ``TypeError``.
        ``initiator`` (usually the calling widget) rides along with the broadcast, so the screen
        that made the change and already updated itself can skip reloading.
        """
        return self._submit(self._writer, fn, args, changes=changes, initiator=initiator, on_done=on_done,
                            on_error=on_error, progress=progress, reports_changes=True)

    def network(self, fn: Callable[..., Any], *args: Any, **options: Any) -> TaskHandle:
        """Talk to the office server (and store what it sends) on the network thread; the options
        are ``mutate``'s (``changes`` included: what was stored from the server)."""
        return self._submit(self._network, fn, args, reports_changes=True, **options)

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        progress: ProgressSpec | None = None,
        changes: ChangesSpec = None,
        initiator: object | None = None,
        reports_changes: bool = False,
    ) -> TaskHandle:
        with self._lock:
            task_id = self._next_id
            self._next_id += 1
        handle = TaskHandle(self, task_id)
        pending = _Pending(handle, on_done, on_error, progress, initiator)
        self._pending[task_id] = pending
        if progress is not None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda tid=task_id: self._show_progress(tid))
            timer.start(max(0, progress.delay_ms))
            pending.timer = timer
        pass_task = _accepts_task(fn)

        def work() -> None:
            if handle.cancelled:
                handle._finished.set()
                self._finished.emit(task_id, 0, _Cancelled())
                return
            try:
                result = fn(*args, task=handle) if pass_task else fn(*args)
                payload = _Written(*_split_changes(result, changes)) if reports_changes else result
            except BaseException as exc:  # noqa: BLE001 — delivered to the GUI thread
                handle._finished.set()
                self._finished.emit(task_id, 0, exc)
            else:
                handle._finished.set()
                self._finished.emit(task_id, 1, payload)

        handle.future = executor.submit(work)
        return handle

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @property
    def is_shut_down(self) -> bool:
        """After ``shutdown``: a delayed start (a timer) must not submit work any more."""
        return self._shut_down

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work; with ``wait`` the queued writes finish first (nothing is lost).

        Callbacks of tasks still in flight are dropped: the screens they would update are closing.
        """
        self._shut_down = True
        for pending in list(self._pending.values()):
            if not pending.handle.cancelled and pending.timer is not None:
                pending.timer.stop()
        self._readers.shutdown(wait=wait, cancel_futures=True)
        self._network.shutdown(wait=wait, cancel_futures=True)
        self._writer.shutdown(wait=wait)

    # -- GUI-thread side ------------------------------------------------------------------------

    @Slot(int, int, object)
    def _on_finished(self, task_id: int, ok: int, payload: object) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return
        # Read the cancel flag before the progress dialog goes: closing a QProgressDialog emits
        # ``canceled``, which must not turn a finished task into a cancelled one.
        cancelled = pending.handle.cancelled or isinstance(payload, _Cancelled)
        self._close_progress(pending)
        if self._shut_down:
            return
        changes: Changes | None = None
        if ok and isinstance(payload, _Written):
            changes = payload.changes
            payload = payload.value
        try:
            if cancelled:
                return
            try:
                if ok:
                    if pending.on_done is not None:
                        pending.on_done(payload)
                else:
                    assert isinstance(payload, BaseException)
                    if pending.on_error is not None:
                        pending.on_error(payload)
                    else:
                        self._default_error(payload)
            except RuntimeError as exc:
                # The widget that asked for this result was closed while the task ran; its
                # answer has nowhere to go. Anything else is a bug and propagates.
                if "deleted" not in str(exc):
                    raise
                log.debug("result of task %s dropped: %s", task_id, exc)
        finally:
            if changes:  # also after a cancel: the write ran, the data changed all the same
                self.changed.emit(changes, pending.initiator)
            self.task_finished.emit(task_id)
            if not self._pending:
                self.idle.emit()

    def _default_error(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import show_error

        show_error(self.dialog_parent, exc, self.language)

    def _show_progress(self, task_id: int) -> None:
        pending = self._pending.get(task_id)
        if pending is None or pending.progress is None:
            return
        spec = pending.progress
        cancel_text = self.tr("Cancel") if spec.cancellable else ""
        dialog = QProgressDialog(spec.title, cancel_text, 0, 0, self.dialog_parent)
        dialog.setWindowTitle(spec.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not spec.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(pending.handle.cancel)
        pending.dialog = dialog
        if pending.last_progress is not None:
            self._apply_progress(dialog, *pending.last_progress)
        dialog.show()

    @Slot(int, int, int, str)
    def _on_progress(self, task_id: int, done: int, total: int, label: str) -> None:
        pending = self._pending.get(task_id)
        if pending is None:
            return
        pending.last_progress = (done, total, label)
        if pending.dialog is not None:
            self._apply_progress(pending.dialog, done, total, label)

    @staticmethod
    def _apply_progress(dialog: QProgressDialog, done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if label:
            dialog.setLabelText(label)

    @staticmethod
    def _close_progress(pending: _Pending) -> None:
        if pending.timer is not None:
            pending.timer.stop()
            pending.timer.deleteLater()
            pending.timer = None
        if pending.dialog is not None:
            pending.dialog.canceled.disconnect(pending.handle.cancel)
            pending.dialog.close()
            pending.dialog.deleteLater()
            pending.dialog = None


class _Cancelled:
    """Marker payload for a task cancelled before it started."""


@dataclass(frozen=True)
class _Written:
    """A write's payload on its way to the GUI thread: its result and what it changed."""

    value: Any
    changes: Changes


def _split_changes(result: Any, spec: ChangesSpec) -> tuple[Any, Changes]:
    """(the value for ``on_done``, what the write changed), from its result and its ``changes``."""
    if isinstance(result, Changed):
        return result.value, result.changes
    if isinstance(spec, Changes):
        return result, spec
    if spec is not None:
        return result, spec(result)
    if isinstance(result, Changes):
        return result, result
    raise TypeError(f"the write {result!r} did not say what it changed: pass changes= to runner.mutate")


def initiated_by(widget: QObject, initiator: object | None) -> bool:
    """True if ``initiator`` is ``widget`` or one of its children (its dialogs included).

    Why: a screen that made a change usually updated itself precisely (one row, its selection
    kept); reloading it again from the broadcast would throw that away.
    """
    obj = initiator
    while isinstance(obj, QObject):
        if obj is widget:
            return True
        try:
            obj = obj.parent()
        except RuntimeError:  # deleted on the C++ side while the write ran
            return False
    return False
