"""The background runner: results on the GUI thread, serial writes, cancellation, progress."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton

from outreach.services.changes import NOTHING, Changed, Changes
from outreach.ui.core.tasks import ProgressSpec, TaskHandle
from outreach.ui.core.tasks import TaskRunner as _TaskRunner

_made: list[_TaskRunner] = []


def TaskRunner() -> _TaskRunner:  # noqa: N802 — reads like the class in the tests below
    runner = _TaskRunner()
    _made.append(runner)
    return runner


@pytest.fixture(autouse=True)
def _delete_runners(qtbot):
    yield
    while _made:
        runner = _made.pop()
        runner.shutdown()
        runner.deleteLater()
    qtbot.wait(1)  # let deleteLater run while the QApplication is alive


def test_result_arrives_on_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: list[tuple[int, bool]] = []

    def work(a: int, b: int) -> int:
        assert threading.current_thread() is not threading.main_thread()
        return a + b

    app = QApplication.instance()
    assert app is not None
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.query(work, 2, 3, on_done=lambda r: seen.append((r, QThread.currentThread() is app.thread())))
    assert seen == [(5, True)]
    runner.shutdown()


def test_errors_go_to_on_error(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("x")

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.query(boom, on_error=errors.append)
    assert isinstance(errors[0], ValueError)
    runner.shutdown()


def test_writes_are_serial_and_ordered(qtbot) -> None:
    runner = TaskRunner()
    order: list[int] = []
    active = []

    def write(i: int) -> int:
        active.append(i)
        assert len(active) == 1
        order.append(i)
        active.pop()
        return i

    for i in range(20):
        runner.mutate(write, i, changes=NOTHING)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert order == list(range(20))
    runner.shutdown()


def test_cancel_and_progress(qtbot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    done: list[object] = []

    def slow(task: TaskHandle) -> str:
        task.report(1, 2, "half")
        gate.wait(5)
        return "finished"

    handle = runner.query(slow, on_done=done.append)
    handle.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert handle.cancelled and done == []
    runner.shutdown()


def test_result_of_a_task_that_outlived_its_progress_dialog_is_delivered(qtbot) -> None:
    """The dialog shown for a long task closes when it ends; that close is not a cancel."""
    runner = TaskRunner()
    gate = threading.Event()
    done: list[object] = []

    def slow() -> str:
        gate.wait(5)
        return "finished"

    handle = runner.query(slow, on_done=done.append, progress=ProgressSpec("Working", delay_ms=0))
    qtbot.waitUntil(lambda: runner._pending[handle.task_id].dialog is not None, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert done == ["finished"] and not handle.cancelled


def test_cancel_button_of_the_progress_dialog_cancels(qtbot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    done: list[object] = []

    def slow(task: TaskHandle) -> str:
        gate.wait(5)
        return "finished"

    handle = runner.query(slow, on_done=done.append, progress=ProgressSpec("Working", delay_ms=0))
    qtbot.waitUntil(lambda: runner._pending[handle.task_id].dialog is not None, timeout=5000)
    dialog = runner._pending[handle.task_id].dialog
    assert dialog is not None
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert handle.cancelled and done == []


def test_reads_writes_and_network_calls_run_on_their_own_threads(qtbot) -> None:
    runner = TaskRunner()
    threads: list[str] = []

    def where() -> Changes:
        threads.append(threading.current_thread().name)
        return NOTHING

    runner.query(where)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    runner.mutate(where)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    runner.network(where)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert [t.split("_")[0] for t in threads] == ["outreach-read", "outreach-write", "outreach-network"]


def test_a_slow_network_call_holds_up_neither_writes_nor_reads(qtbot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    done: list[str] = []
    runner.network(lambda: gate.wait(5) and NOTHING, on_done=lambda _r: done.append("sync"))
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.mutate(lambda: "saved", changes=NOTHING, on_done=done.append)
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.query(lambda: "read", on_done=done.append)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert done == ["saved", "read", "sync"]


def test_a_write_broadcasts_what_it_changed_after_its_result(qtbot) -> None:
    runner = TaskRunner()
    seen: list[object] = []
    runner.changed.connect(lambda changes, initiator: seen.append((changes, initiator)))
    initiator = object()

    runner.mutate(lambda: 7, changes=Changes(visits=True), initiator=initiator, on_done=seen.append)
    runner.mutate(lambda: Changed("v", Changes(review=True)), on_done=seen.append)
    runner.mutate(lambda: 3, changes=lambda n: Changes(households=n > 2), on_done=seen.append)
    runner.mutate(lambda: None, changes=NOTHING, on_done=seen.append)  # nothing shown changed: no broadcast
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert seen == [7, (Changes(visits=True), initiator), "v", (Changes(review=True), None),
                    3, (Changes(households=True), None), None]
    seen.clear()
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.query(lambda: Changes(visits=True), on_done=seen.append)  # a read changes nothing
    assert seen == [Changes(visits=True)]


def test_a_write_cancelled_after_it_ran_still_broadcasts(qtbot) -> None:
    """Cancelling drops the caller's callbacks, but the data changed all the same."""
    runner = TaskRunner()
    started, gate = threading.Event(), threading.Event()
    seen: list[object] = []
    runner.changed.connect(lambda changes, _initiator: seen.append(changes))

    def write() -> str:
        started.set()
        gate.wait(5)
        return "written"

    handle = runner.mutate(write, changes=Changes(visits=True), on_done=seen.append)
    assert started.wait(5)
    handle.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert seen == [Changes(visits=True)]


def test_a_write_that_does_not_say_what_it_changed_is_an_error(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.mutate(lambda: 1, on_error=errors.append)
    assert isinstance(errors[0], TypeError) and "changes=" in str(errors[0])


def test_changes_combine_and_name_their_areas() -> None:
    both = Changes(households=True) | Changes(review=True)
    assert both == Changes(households=True, review=True) and both.touches("review") and not both.touches("visits")
    assert not NOTHING and both
    with pytest.raises(AttributeError):
        both.touches("househol")  # a misspelt area is a bug, not "unchanged"
