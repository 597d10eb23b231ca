"""The background runner: results on the GUI thread, serial writes, cancellation, progress."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton

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
        runner.run(work, 2, 3, on_done=lambda r: seen.append((r, QThread.currentThread() is app.thread())))
    assert seen == [(5, True)]
    runner.shutdown()


def test_errors_go_to_on_error(qtbot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("x")

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.run(boom, on_error=errors.append)
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
        runner.run(write, i, writes=True)
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

    handle = runner.run(slow, on_done=done.append)
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

    handle = runner.run(slow, on_done=done.append, progress=ProgressSpec("Working", delay_ms=0))
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

    handle = runner.run(slow, on_done=done.append, progress=ProgressSpec("Working", delay_ms=0))
    qtbot.waitUntil(lambda: runner._pending[handle.task_id].dialog is not None, timeout=5000)
    dialog = runner._pending[handle.task_id].dialog
    assert dialog is not None
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert handle.cancelled and done == []
