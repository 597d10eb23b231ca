"""The data-subject request register in the console: add, acknowledge and close in a real browser;
an overdue request is on the Overview's attention list; another ward's register is refused."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from playwright.sync_api import Page

from outreach.server import data_requests
from outreach.timeutil import today_local
from outreach.vocabulary import RequestStatus
from tests.console.conftest import Console, page_csrf
from tests.console.conftest import sign_in as sign_in_http
from tests.console.test_browser import CHROMIUM, chromium, page, sign_in  # noqa: F401  # (the browser fixtures)


@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_add_acknowledge_close_and_overdue_on_the_overview(console: Console, page: Page) -> None:  # noqa: F811
    old = data_requests.add_request(console.server.db, console.ward_a, "access", "Hoàng Văn Nam",
                                    received_on=today_local() - dt.timedelta(days=60))
    sign_in(page, console, "admin.a")
    ward = f"section[data-ward='{console.ward_a}']"
    assert "1 yêu cầu về dữ liệu quá hạn" in page.inner_text(f"{ward} ul.attention")

    page.goto(f"{console.url}/requests")
    assert "Quá hạn" in page.inner_text(f"tr[data-request='{old.id}'] td.status")
    page.select_option("#add-request select[name=right]", "deletion")
    page.fill("#add-request input[name=requester_name]", "Nguyễn Thị Mai")
    page.fill("#add-request input[name=requester_contact]", "0912 345 678")
    page.click("#add-request-button")
    page.wait_for_url(f"{console.url}/requests")
    [new] = [r for r in data_requests.list_requests(console.server.db) if r.id != old.id]
    assert (new.right, new.requester_name, new.received_on, new.status) == ("deletion", "Nguyễn Thị Mai", today_local(), "received")
    row = f"tr[data-request='{new.id}']"
    assert "Xoá dữ liệu" in page.inner_text(row) and "Đã tiếp nhận" in page.inner_text(row)

    page.click(f"{row} form.acknowledge button")
    page.wait_for_url(f"{console.url}/requests")
    assert "Đã phản hồi tiếp nhận" in page.inner_text(f"{row} td.status")
    page.fill(f"{row} form.close input[name=outcome]", "Đã xoá số điện thoại")
    page.click(f"{row} form.close button")
    page.wait_for_url(f"{console.url}/requests")
    assert page.locator(row).count() == 0  # closed: off the open list
    assert data_requests.get_request(console.server.db, new.id).status == RequestStatus.DONE
    page.goto(f"{console.url}/requests?show=all")
    assert "Đã xoá số điện thoại" in page.inner_text(f"{row} td.status")


def test_another_wards_register_is_refused(console: Console) -> None:
    theirs = data_requests.add_request(console.server.db, console.ward_b, "access", "Trịnh Văn Bảo")
    browser = sign_in_http(console, "admin.a")
    assert "Trịnh Văn Bảo" not in browser.get(f"{console.url}/requests?show=all", timeout=10).text
    token = page_csrf(browser, f"{console.url}/requests")
    for path, form in (("/requests", {"ward_id": console.ward_b, "right": "access", "requester_name": "X"}),
                       (f"/requests/{theirs.id}/acknowledge", {}), (f"/requests/{theirs.id}/close", {"outcome": "xong"}),
                       ("/requests/no-such-request/close", {"outcome": "xong"})):
        answer = browser.post(f"{console.url}{path}", data={**form, "csrf": token}, allow_redirects=False, timeout=10)
        assert answer.status_code == 403, path
    viewer = sign_in_http(console, "viewer.a")
    token = page_csrf(viewer, f"{console.url}/wards")
    form = {"ward_id": console.ward_a, "right": "access", "requester_name": "Y", "csrf": token}
    answer = viewer.post(f"{console.url}/requests", data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 403
    leader = sign_in_http(console, "leader.a")
    assert leader.get(f"{console.url}/requests", timeout=10).status_code == 403  # requesters' names: the office's only
    assert 'href="/console/requests"' not in leader.get(f"{console.url}/", timeout=10).text
    assert 'href="/console/requests"' in browser.get(f"{console.url}/", timeout=10).text
    assert data_requests.get_request(console.server.db, theirs.id).status == RequestStatus.RECEIVED
    assert [r.ward_id for r in data_requests.list_requests(console.server.db)] == [console.ward_b]
