<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Outreach cannot start</source>
        <extracomment>The window and taskbar icon (``scripts/make_icon.py`` draws it; the bundle uses the .ico).</extracomment>
        <translation>Không khởi động được Outreach</translation>
    </message>
</context>
<context>
    <name>AppLock</name>
    <message>
        <source>this computer</source>
        <extracomment>&quot;Change the PIN&quot;: the right current PIN leads to choosing a new one, not to the unlock the other windows of the app (dialogs, message boxes) and the opaque cover over each Ctrl+L is read by the event filter, not a QShortcut: a shortcut of the main window does not fire while a modal dialog is open, and the lock must come from any dialog too</extracomment>
        <translation>máy này</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Mã PIN không đúng.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s.</source>
        <translation>Nhập sai mã PIN quá nhiều lần: hãy thử lại sau %1 giây.</translation>
    </message>
</context>
<context>
    <name>AreasView</name>
    <message>
        <source>Only a team leader may change this.</source>
        <translation>Chỉ đội trưởng mới được thay đổi mục này.</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>Địa bàn</translation>
    </message>
    <message>
        <source>Outing</source>
        <translation>Buổi đi cơ sở</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>Từ ngà&amp;y:</translation>
    </message>
    <message>
        <source>&amp;Take into my team&apos;s area</source>
        <translation>&amp;Nhận về địa bàn đội mình</translation>
    </message>
    <message>
        <source>&amp;Release from my team</source>
        <translation>T&amp;rả lại (bỏ khỏi đội mình)</translation>
    </message>
    <message>
        <source>Residential &amp;groups and their team today:</source>
        <translation>&amp;Tổ dân phố và đội phụ trách hôm nay:</translation>
    </message>
    <message>
        <source>&amp;History of the selected group:</source>
        <translation>&amp;Lịch sử giao địa bàn của tổ đã chọn:</translation>
    </message>
    <message>
        <source>e.g. Văn Cao, ngõ 45 Đội Cấn (separate with commas)</source>
        <translation>ví dụ: Văn Cao, ngõ 45 Đội Cấn (cách nhau bằng dấu phẩy)</translation>
    </message>
    <message>
        <source>&amp;Start the outing</source>
        <translation>&amp;Bắt đầu buổi đi</translation>
    </message>
    <message>
        <source>&amp;End the outing</source>
        <translation>&amp;Kết thúc buổi đi</translation>
    </message>
    <message>
        <source>&amp;Who went:</source>
        <translation>&amp;Người đi:</translation>
    </message>
    <message>
        <source>&amp;Groups planned:</source>
        <translation>&amp;Tổ dự kiến:</translation>
    </message>
    <message>
        <source>Stree&amp;ts planned:</source>
        <translation>Đường/&amp;phố dự kiến:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Today&apos;s outing</source>
        <translation>Buổi đi cơ sở hôm nay</translation>
    </message>
    <message>
        <source>Re&amp;cent outings:</source>
        <translation>&amp;Các buổi gần đây:</translation>
    </message>
    <message>
        <source>Set t&amp;arget</source>
        <translation>Đặt &amp;chỉ tiêu</translation>
    </message>
    <message>
        <source>Remo&amp;ve the selected target</source>
        <translation>&amp;Xoá chỉ tiêu đã chọn</translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation>&amp;Loại chỉ tiêu:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>Đến n&amp;gày:</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>&amp;Mức chỉ tiêu:</translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation>(chưa giao đội)</translation>
    </message>
    <message>
        <source>my team</source>
        <translation>đội mình</translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Team today</source>
        <translation>Đội phụ trách hôm nay</translation>
    </message>
    <message>
        <source>Households outside every team&apos;s area today: %1</source>
        <translation>Hộ ngoài địa bàn của mọi đội hôm nay: %1</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation>(không thuộc tổ nào)</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Loại chỉ tiêu</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Đội</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Trước đó</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Ghi lúc</translation>
    </message>
    <message>
        <source>Outing open since %1: %2 visits so far. Visits saved now belong to it.</source>
        <translation>Buổi đi cơ sở đang mở từ %1: đã có %2 lần thăm. Lần thăm lưu lúc này được tính vào buổi này.</translation>
    </message>
    <message>
        <source>No outing is open. Start one when the team sets out.</source>
        <translation>Chưa có buổi đi cơ sở nào đang mở. Hãy bắt đầu khi đội xuất phát.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <source>Who went</source>
        <translation>Người đi</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Dự kiến</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Lần thăm</translation>
    </message>
</context>
<context>
    <name>CccdScanField</name>
    <message>
        <source>Click here and scan the QR code on the ID card (CCCD)</source>
        <translation>Bấm vào đây rồi quét mã QR trên thẻ căn cước (CCCD)</translation>
    </message>
    <message>
        <source>Scan &amp;CCCD:</source>
        <translation>Quét &amp;CCCD:</translation>
    </message>
    <message>
        <source>Scan CCCD (%1)</source>
        <translation>Quét CCCD (%1)</translation>
    </message>
    <message>
        <source>Put the cursor in the scan field, then scan the QR code on the card</source>
        <translation>Đặt con trỏ vào ô quét, rồi quét mã QR trên thẻ</translation>
    </message>
    <message>
        <source>Card read: %1. Check the fields below, then save.</source>
        <translation>Đã đọc thẻ: %1. Kiểm tra các ô bên dưới rồi lưu.</translation>
    </message>
    <message>
        <source>The name and address have no diacritics: if the card prints them, the scanner is typing under a non-Vietnamese keyboard layout; set it right and scan again.</source>
        <translation>Họ tên và địa chỉ không có dấu: nếu trên thẻ có dấu thì máy quét đang gõ theo bố cục bàn phím không phải tiếng Việt; hãy chỉnh lại rồi quét lại.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent: %1</source>
        <translation>Ghi nhận đồng ý: %1</translation>
    </message>
    <message>
        <source>%1 agrees that the ward keeps their details (ID numbers, date of birth, phone) for this purpose:</source>
        <translation>%1 đồng ý để phường lưu thông tin cá nhân (số định danh, ngày sinh, số điện thoại) cho mục đích:</translation>
    </message>
    <message>
        <source>Help with online public services</source>
        <translation>Hỗ trợ dịch vụ công trực tuyến</translation>
    </message>
</context>
<context>
    <name>CoverageCharts</name>
    <message>
        <source>Households visited per residential group (%)</source>
        <translation>Tỉ lệ hộ đã đến theo tổ dân phố (%)</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>Đã đến</translation>
    </message>
    <message>
        <source>Last 12 weeks: visits and filings</source>
        <translation>12 tuần gần nhất: lần thăm và hồ sơ</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Lần thăm</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>ISO week</source>
        <translation>Tuần</translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message>
        <source>Week</source>
        <extracomment>The team-area, outing and target tables (issue 12), after the ward&apos;s own. rows imported from the ward one-stop register (after the figures were asked again) (done, total) from the worker thread; Qt queues it to the GUI thread.</extracomment>
        <translation>Tuần</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Kỳ:</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Phạm vi:</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>Xuất Excel…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Xuất PDF…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Xuất CSV…</translation>
    </message>
    <message>
        <source>Export follow-up list (names, phones)…</source>
        <translation>Xuất danh sách cần quay lại (họ tên, điện thoại)…</translation>
    </message>
    <message>
        <source>Only a team leader may export personal data.</source>
        <translation>Chỉ đội trưởng mới được xuất dữ liệu cá nhân.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Số liệu chính</translation>
    </message>
    <message>
        <source>Households visited</source>
        <translation>Hộ đã thăm</translation>
    </message>
    <message>
        <source>Priority households reached</source>
        <translation>Hộ ưu tiên đã tiếp cận</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Lần thăm</translation>
    </message>
    <message>
        <source>Fee paid online</source>
        <translation>Đã nộp phí trực tuyến</translation>
    </message>
    <message>
        <source>Submitted online with the team</source>
        <translation>Hồ sơ nộp trực tuyến có đội hỗ trợ</translation>
    </message>
    <message>
        <source>Import one-stop register…</source>
        <translation>Nhập sổ một cửa…</translation>
    </message>
    <message>
        <source>The ward one-stop system&apos;s export of received dossiers (.xlsx or .csv) for the period shown: the team&apos;s share of the ward&apos;s online intake</source>
        <translation>Tệp xuất sổ tiếp nhận hồ sơ của bộ phận một cửa phường (.xlsx hoặc .csv) cho kỳ đang xem: phần đóng góp của đội trong hồ sơ trực tuyến phường tiếp nhận</translation>
    </message>
    <message>
        <source>Only a team leader may import the one-stop register.</source>
        <translation>Chỉ đội trưởng mới được nhập sổ một cửa.</translation>
    </message>
    <message>
        <source>Fully online (of online dossiers)</source>
        <translation>Toàn trình (trên hồ sơ nộp trực tuyến)</translation>
    </message>
    <message>
        <source>Paid online (of dossiers with a fee)</source>
        <translation>Thanh toán trực tuyến (trên hồ sơ có phí)</translation>
    </message>
    <message>
        <source>Result received electronically</source>
        <translation>Nhận kết quả điện tử</translation>
    </message>
    <message>
        <source>Dossiers overdue</source>
        <translation>Hồ sơ quá hạn trả kết quả</translation>
    </message>
    <message>
        <source>Residents 14+ at VNeID level 2</source>
        <translation>Người từ 14 tuổi có VNeID mức 2</translation>
    </message>
    <message>
        <source>Follow-ups overdue / due</source>
        <translation>Việc quay lại quá hạn / đến hạn</translation>
    </message>
    <message>
        <source>Brought to VNeID level 2</source>
        <translation>Được nâng lên VNeID mức 2 trong kỳ</translation>
    </message>
    <message>
        <source>Satisfaction (1–5)</source>
        <translation>Mức hài lòng (1–5)</translation>
    </message>
    <message>
        <source>By residential group</source>
        <translation>Theo tổ dân phố</translation>
    </message>
    <message>
        <source>Visit outcomes</source>
        <translation>Kết quả thăm hộ</translation>
    </message>
    <message>
        <source>Filings by online level</source>
        <translation>Hồ sơ theo mức trực tuyến</translation>
    </message>
    <message>
        <source>Filings by procedure</source>
        <translation>Hồ sơ theo thủ tục</translation>
    </message>
    <message>
        <source>By volunteer</source>
        <translation>Theo tình nguyện viên</translation>
    </message>
    <message>
        <source>12-week trend</source>
        <translation>Xu hướng 12 tuần</translation>
    </message>
    <message>
        <source>By team area</source>
        <translation>Theo địa bàn đội</translation>
    </message>
    <message>
        <source>Volunteers in the team area</source>
        <translation>Tình nguyện viên trên địa bàn đội</translation>
    </message>
    <message>
        <source>Outings per week</source>
        <translation>Buổi đi theo tuần</translation>
    </message>
    <message>
        <source>Reached per outing</source>
        <translation>Tiếp cận theo buổi</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Group: </source>
        <translation>Tổ: </translation>
    </message>
    <message>
        <source>Team: </source>
        <translation>Đội: </translation>
    </message>
    <message>
        <source>Volunteer: </source>
        <translation>Tình nguyện viên: </translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Đã huỷ.</translation>
    </message>
    <message>
        <source>Ward one-stop register: not imported for this period</source>
        <translation>Sổ tiếp nhận hồ sơ một cửa của phường: chưa nhập cho kỳ này</translation>
    </message>
    <message>
        <source>Ward one-stop register (%1/%2 days imported): the team&apos;s share of the ward&apos;s online intake %3 · the team&apos;s online dossiers found in it %4</source>
        <translation>Sổ một cửa của phường (đã nhập %1/%2 ngày): hồ sơ trực tuyến của phường có mã do đội ghi nhận %3 · hồ sơ trực tuyến của đội có trong sổ %4</translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <source>Visited</source>
        <translation>Đã đến</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Tỉ lệ</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Hộ ưu tiên</translation>
    </message>
    <message>
        <source>Priority visited</source>
        <translation>Hộ ưu tiên đã đến</translation>
    </message>
    <message>
        <source>Priority share</source>
        <translation>Tỉ lệ hộ ưu tiên</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Online level</source>
        <translation>Mức độ trực tuyến</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>With dossier code</source>
        <translation>Có mã hồ sơ</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Bị trả lại</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Tình nguyện viên</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Đội</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>Fully online</source>
        <translation>Toàn trình</translation>
    </message>
    <message>
        <source>In the area (visited/households)</source>
        <translation>Địa bàn (đã thăm/số hộ)</translation>
    </message>
    <message>
        <source>Share of the area</source>
        <translation>Tỷ lệ địa bàn</translation>
    </message>
    <message>
        <source>Ward (visited/households)</source>
        <translation>Toàn phường (đã thăm/số hộ)</translation>
    </message>
    <message>
        <source>Share of the ward</source>
        <translation>Tỷ lệ toàn phường</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Số tổ</translation>
    </message>
    <message>
        <source>Outside every team&apos;s area</source>
        <translation>Ngoài địa bàn của mọi đội</translation>
    </message>
    <message>
        <source>Outings</source>
        <translation>Số buổi</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>People helped with a dossier</source>
        <translation>Người được hỗ trợ hồ sơ</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <source>Reached/target</source>
        <translation>Đạt/chỉ tiêu</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <source>Export coverage report</source>
        <translation>Xuất báo cáo độ bao phủ</translation>
    </message>
    <message>
        <source>Export follow-up list</source>
        <translation>Xuất danh sách cần quay lại</translation>
    </message>
    <message>
        <source>Protect the follow-up list</source>
        <translation>Bảo vệ danh sách hẹn quay lại</translation>
    </message>
    <message>
        <source>The list holds residents&apos; names and phones. Choose a password of at least %1 characters; the file opens only with it. Tell it to whoever receives the file separately.</source>
        <translation>Danh sách có họ tên và số điện thoại của người dân. Hãy chọn mật khẩu ít nhất %1 ký tự; tệp chỉ mở được bằng mật khẩu này. Hãy báo mật khẩu riêng cho người nhận tệp.</translation>
    </message>
    <message>
        <source>Without a password</source>
        <translation>Không đặt mật khẩu</translation>
    </message>
    <message>
        <source>Import the ward one-stop register</source>
        <translation>Nhập sổ tiếp nhận hồ sơ một cửa của phường</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>Bảng tính (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Importing the one-stop register…</source>
        <translation>Đang nhập sổ một cửa…</translation>
    </message>
    <message>
        <source>Imported %1 dossiers (%2 online) of the one-stop register</source>
        <translation>Đã nhập %1 hồ sơ (%2 trực tuyến) của sổ một cửa</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard what you typed?</source>
        <translation>Bỏ những gì đã nhập?</translation>
    </message>
    <message>
        <source>This form has changes that are not saved. Close it and lose them?</source>
        <translation>Biểu mẫu có thay đổi chưa lưu. Đóng lại và bỏ các thay đổi này?</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Tiếp tục nhập</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Possible duplicates</source>
        <extracomment>the pairs this list showed (the main window counts the others as new) pairs shown before (this session): the others are marked new</extracomment>
        <translation>Hồ sơ có thể trùng</translation>
    </message>
    <message>
        <source>The same family (or person) may have been registered twice, on two laptops or with the address typed differently. Compare the two records; keep one and merge the other into it, or say they are not the same (no leader is asked again).</source>
        <translation>Một hộ (hoặc một người) có thể đã được đăng ký hai lần, trên hai máy hoặc do gõ địa chỉ khác nhau. Hãy so sánh hai hồ sơ; giữ một hồ sơ và gộp hồ sơ kia vào, hoặc xác nhận đây là hai hồ sơ khác nhau (không đội trưởng nào bị hỏi lại).</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>Đang tìm hồ sơ trùng…</translation>
    </message>
    <message>
        <source>Record 1</source>
        <translation>Hồ sơ 1</translation>
    </message>
    <message>
        <source>Record 2</source>
        <translation>Hồ sơ 2</translation>
    </message>
    <message>
        <source>Keep record &amp;1, merge 2 into it</source>
        <translation>Giữ hồ sơ &amp;1, gộp hồ sơ 2 vào</translation>
    </message>
    <message>
        <source>Keep record &amp;2, merge 1 into it</source>
        <translation>Giữ hồ sơ &amp;2, gộp hồ sơ 1 vào</translation>
    </message>
    <message>
        <source>&amp;Not the same</source>
        <translation>&amp;Không phải một</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Keep the value of</source>
        <translation>Giữ giá trị của</translation>
    </message>
    <message>
        <source>Values that differ (the more recent one is kept unless you choose):</source>
        <translation>Các giá trị khác nhau (giữ giá trị mới hơn, trừ khi bạn chọn khác):</translation>
    </message>
    <message>
        <source>&amp;Undo merge</source>
        <translation>&amp;Hoàn tác gộp</translation>
    </message>
    <message>
        <source>Merges of the last 7 days (can be undone):</source>
        <translation>Các lần gộp trong 7 ngày qua (có thể hoàn tác):</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Loại hồ sơ</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Điểm</translation>
    </message>
    <message>
        <source>How sure</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>new</source>
        <translation>mới</translation>
    </message>
    <message>
        <source>%1 household pairs and %2 resident pairs to look at</source>
        <translation>%1 cặp hộ và %2 cặp nhân khẩu cần xem</translation>
    </message>
    <message>
        <source>No possible duplicates.</source>
        <translation>Không có hồ sơ nào có thể trùng.</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Hồ sơ được giữ</translation>
    </message>
    <message>
        <source>Merged at</source>
        <translation>Gộp lúc</translation>
    </message>
    <message>
        <source>Can be undone until</source>
        <translation>Hoàn tác được đến</translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Elderly living alone</source>
        <translation>Người cao tuổi sống một mình</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>Người khuyết tật</translation>
    </message>
    <message>
        <source>Policy family</source>
        <translation>Gia đình chính sách</translation>
    </message>
    <message>
        <source>Poor household</source>
        <translation>Hộ nghèo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation>Số định danh cá nhân</translation>
    </message>
    <message>
        <source>Old ID (9 digits)</source>
        <translation>Số CMND cũ (9 số)</translation>
    </message>
    <message>
        <source>Address on the card</source>
        <translation>Địa chỉ trên thẻ</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
        <source>VNeID level</source>
        <translation>Mức VNeID</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Đồng ý lúc</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Rút đồng ý lúc</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside Outreach. Nothing you typed was lost; the details were written to the log file. Please tell the ward office if it happens again.</source>
        <translation>Outreach gặp lỗi bên trong. Dữ liệu bạn đã nhập không bị mất; chi tiết đã được ghi vào tệp nhật ký. Nếu lỗi lặp lại, vui lòng báo cho văn phòng phường.</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>Outreach</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Export finished</source>
        <translation>Đã xuất xong</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>FilingTermsPanel</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — fee: %2 · processing time: %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — lệ phí: %2 · thời hạn giải quyết: %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — this procedure is not filed this way.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — thủ tục này không nộp theo hình thức này.</translation>
    </message>
    <message>
        <source>Nothing to pay by this channel, so it cannot be marked paid online.</source>
        <translation>Nộp theo hình thức này không mất phí, nên không thể ghi “đã nộp phí trực tuyến”.</translation>
    </message>
    <message>
        <source>Papers to submit:</source>
        <translation>Giấy tờ phải nộp:</translation>
    </message>
    <message>
        <source>Papers to show:</source>
        <translation>Giấy tờ phải xuất trình:</translation>
    </message>
    <message>
        <source>The catalogue lists no papers for this procedure.</source>
        <translation>Danh mục chưa ghi giấy tờ của thủ tục này.</translation>
    </message>
</context>
<context>
    <name>FilingsModel</name>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Cho ai</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Fee paid online</source>
        <translation>Đã nộp phí trực tuyến</translation>
    </message>
    <message>
        <source>the household</source>
        <translation>cả hộ</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
</context>
<context>
    <name>FlagDialog</name>
    <message>
        <source>Flag for correction</source>
        <translation>Yêu cầu sửa</translation>
    </message>
    <message>
        <source>What should the volunteer correct in the visit to %1?</source>
        <translation>Tình nguyện viên cần sửa gì trong lần thăm hộ %1?</translation>
    </message>
    <message>
        <source>Say what needs correcting.</source>
        <translation>Cần ghi rõ điều cần sửa.</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>What</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>&amp;Open visit</source>
        <translation>&amp;Mở lần thăm</translation>
    </message>
    <message>
        <source>&amp;Mark revisit done</source>
        <translation>Đánh &amp;dấu đã quay lại</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <source>%1 dossiers past their expected result date: look them up on the portal</source>
        <translation>%1 hồ sơ đã quá hạn trả kết quả: tra cứu trên Cổng dịch vụ công</translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Ngày nộp</translation>
    </message>
    <message>
        <source>Result expected</source>
        <translation>Hạn trả kết quả</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Người được hỗ trợ</translation>
    </message>
    <message>
        <source>%1 returned by the leader · %2 overdue · %3 due this week</source>
        <translation>%1 bị đội trưởng trả lại · %2 quá hạn · %3 đến hạn tuần này</translation>
    </message>
</context>
<context>
    <name>HouseholdDetailView</name>
    <message>
        <source>Choose a household from the list.</source>
        <translation>Chọn một hộ gia đình trong danh sách.</translation>
    </message>
    <message>
        <source>&amp;Edit household</source>
        <translation>&amp;Sửa hộ</translation>
    </message>
    <message>
        <source>New &amp;visit here</source>
        <translation>Ghi &amp;lần thăm hộ này</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Quan hệ</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>VNeID</source>
        <translation>VNeID</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>&amp;Add resident</source>
        <translation>Thê&amp;m nhân khẩu</translation>
    </message>
    <message>
        <source>Edit resi&amp;dent</source>
        <translation>Sửa n&amp;hân khẩu</translation>
    </message>
    <message>
        <source>Record &amp;consent</source>
        <translation>Ghi nhận đồn&amp;g ý</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent</source>
        <translation>&amp;Rút đồng ý</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Tình nguyện viên</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Hẹn quay lại</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Nhân khẩu</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>Việc cần quay lại</translation>
    </message>
    <message>
        <source>Visit history</source>
        <translation>Lịch sử thăm hộ</translation>
    </message>
    <message>
        <source>phone %1</source>
        <translation>điện thoại %1</translation>
    </message>
    <message>
        <source>priority: %1</source>
        <translation>ưu tiên: %1</translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation>đã rút ngày %1</translation>
    </message>
    <message>
        <source>given %1</source>
        <translation>đồng ý ngày %1</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>chưa ghi nhận</translation>
    </message>
    <message>
        <source>revisit on %1</source>
        <translation>quay lại ngày %1</translation>
    </message>
    <message>
        <source>returned by the leader: %1</source>
        <translation>đội trưởng yêu cầu sửa: %1</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Không có.</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Rút đồng ý</translation>
    </message>
    <message>
        <source>Withdrawing consent erases this person&apos;s name, date of birth, ID numbers and phone. Visits and statistics are kept. Continue?</source>
        <translation>Rút đồng ý sẽ xoá họ tên, ngày sinh, số giấy tờ và số điện thoại của người này. Các lần thăm và số liệu thống kê được giữ lại. Tiếp tục?</translation>
    </message>
    <message>
        <source>Withdraw and erase</source>
        <translation>Rút và xoá</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Giữ lại</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>Edit household</source>
        <translation>Sửa thông tin hộ</translation>
    </message>
    <message>
        <source>Register a household</source>
        <translation>Đăng ký hộ gia đình</translation>
    </message>
    <message>
        <source>e.g. 12</source>
        <translation>ví dụ 12</translation>
    </message>
    <message>
        <source>e.g. Ngách 4</source>
        <translation>ví dụ Ngách 4</translation>
    </message>
    <message>
        <source>e.g. Ngõ 12</source>
        <translation>ví dụ Ngõ 12</translation>
    </message>
    <message>
        <source>e.g. Đội Cấn</source>
        <translation>ví dụ Đội Cấn</translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation>(chưa có tổ)</translation>
    </message>
    <message>
        <source>&amp;Elderly person living alone</source>
        <translation>Người cao tuổi sống &amp;một mình</translation>
    </message>
    <message>
        <source>Person with &amp;disability</source>
        <translation>Người khu&amp;yết tật</translation>
    </message>
    <message>
        <source>&amp;Policy family</source>
        <translation>Gi&amp;a đình chính sách</translation>
    </message>
    <message>
        <source>P&amp;oor or near-poor household</source>
        <translation>Hộ nghè&amp;o, cận nghèo</translation>
    </message>
    <message>
        <source>Head of ho&amp;usehold:</source>
        <translation>&amp;Chủ hộ:</translation>
    </message>
    <message>
        <source>Othe&amp;r address details:</source>
        <translation>Địa chỉ &amp;khác:</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>House &amp;number:</source>
        <translation>&amp;Số nhà:</translation>
    </message>
    <message>
        <source>&amp;Alley (ngách):</source>
        <translation>Ngác&amp;h:</translation>
    </message>
    <message>
        <source>&amp;Lane (ngõ):</source>
        <translation>&amp;Ngõ:</translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation>Đườn&amp;g:</translation>
    </message>
    <message>
        <source>Hamlet / &amp;village:</source>
        <translation>Thôn / &amp;xóm:</translation>
    </message>
    <message>
        <source>Residential &amp;group:</source>
        <translation>Tổ &amp;dân phố:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>Điện &amp;thoại:</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation>Gh&amp;i chú:</translation>
    </message>
    <message>
        <source>Open the existing household</source>
        <translation>Mở hộ đã có</translation>
    </message>
    <message>
        <source>Register a new one anyway</source>
        <translation>Vẫn đăng ký hộ mới</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Household already registered?</source>
        <translation>Hộ này đã được đăng ký?</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>Head of household</source>
        <extracomment>Column → sort key understood by ``list_household_ids`` (sorting happens in SQL). Emitted on the GUI thread each time a page of rows arrived (tests wait on it).</extracomment>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Number of residents</source>
        <translation>Số nhân khẩu</translation>
    </message>
    <message>
        <source>Head</source>
        <comment>column header: head of household</comment>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Group</source>
        <comment>column header: residential group</comment>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Res.</source>
        <comment>column header: number of residents (short)</comment>
        <translation>NK</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Thăm gần nhất</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Ưu tiên</translation>
    </message>
</context>
<context>
    <name>HouseholdsView</name>
    <message>
        <source>Search by name, address, phone or ID number — accents optional</source>
        <extracomment>What the address column must show whole before other columns give way: a typical ngõ/ngách address. The columns folded away, first to last, when the table is too narrow for them and that address (a 1366×768 laptop at 125 %): the phone and the group are on the detail pane beside it. The head&apos;s name, the address and the last visit always stay. (household id, label) — the main window switches to New visit with this household. Emitted when a search or listing has been applied to the table (tests wait on it).</extracomment>
        <translation>Tìm theo tên, địa chỉ, điện thoại hoặc số định danh — gõ không dấu cũng được</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Tìm:</translation>
    </message>
    <message>
        <source>&amp;Register household</source>
        <translation>Đăng &amp;ký hộ mới</translation>
    </message>
    <message>
        <source>&amp;Import list…</source>
        <translation>&amp;Nhập danh sách…</translation>
    </message>
    <message>
        <source>Import households from a residential group&apos;s spreadsheet (XLSX or CSV)</source>
        <translation>Nhập các hộ từ bảng tính của tổ dân phố (XLSX hoặc CSV)</translation>
    </message>
    <message>
        <source>Scan CCCD (%1)</source>
        <translation>Quét CCCD (%1)</translation>
    </message>
    <message>
        <source>Scan the QR code on an ID card: register a new household or add the person to the selected one (you are asked which)</source>
        <translation>Quét mã QR trên thẻ căn cước: đăng ký hộ mới hoặc thêm người vào hộ đang chọn (ứng dụng sẽ hỏi)</translation>
    </message>
    <message>
        <source> (showing the best %1)</source>
        <translation> (hiện %1 kết quả khớp nhất)</translation>
    </message>
    <message>
        <source>%1 households match</source>
        <translation>%1 hộ phù hợp</translation>
    </message>
    <message>
        <source>%1 households in the ward</source>
        <translation>%1 hộ trong phường</translation>
    </message>
    <message>
        <source>Selected household: %1 — %2</source>
        <translation>Hộ đang chọn: %1 — %2</translation>
    </message>
    <message>
        <source>Address on the card: %1</source>
        <translation>Địa chỉ trên thẻ: %1</translation>
    </message>
    <message>
        <source>The addresses match.</source>
        <translation>Hai địa chỉ trùng khớp.</translation>
    </message>
    <message>
        <source>The addresses differ.</source>
        <translation>Hai địa chỉ khác nhau.</translation>
    </message>
    <message>
        <source>Scanned: %1</source>
        <translation>Đã quét: %1</translation>
    </message>
    <message>
        <source>Where does this person belong?</source>
        <translation>Người này thuộc hộ nào?</translation>
    </message>
    <message>
        <source>Add to the selected household</source>
        <translation>Thêm vào hộ đang chọn</translation>
    </message>
    <message>
        <source>Register a new household</source>
        <translation>Đăng ký hộ mới</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import households</source>
        <translation>Nhập danh sách hộ</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>(from the file&apos;s group column)</source>
        <translation>(theo cột tổ dân phố trong tệp)</translation>
    </message>
    <message>
        <source>Spreadsheet (.xlsx or .csv):</source>
        <translation>Bảng tính (.xlsx hoặc .csv):</translation>
    </message>
    <message>
        <source>Group for rows without one:</source>
        <translation>Tổ cho các dòng không ghi tổ:</translation>
    </message>
    <message>
        <source>Columns are recognised by their Vietnamese headers (see docs/import-format.md); check the mapping below and change it where needed.</source>
        <translation>Các cột được nhận ra theo tiêu đề tiếng Việt (xem docs/import-format.md); hãy kiểm tra cách ghép cột bên dưới và sửa nếu cần.</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Cột trong tệp</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>Nghĩa là</translation>
    </message>
    <message>
        <source>Check rows</source>
        <translation>Kiểm tra các dòng</translation>
    </message>
    <message>
        <source>Also import rows at an address that already has a household</source>
        <translation>Vẫn nhập các dòng có địa chỉ trùng với hộ đã có</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>Lưu các dòng bị loại…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Choose the household list</source>
        <translation>Chọn danh sách hộ</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation>Bảng tính (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>(không có tiêu đề)</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(bỏ qua)</translation>
    </message>
    <message>
        <source>%1 rows read.</source>
        <translation>Đã đọc %1 dòng.</translation>
    </message>
    <message>
        <source>Checking rows…</source>
        <translation>Đang kiểm tra các dòng…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Trùng</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <source>%1 rows: %2 ready, %3 with errors, %4 duplicates.</source>
        <translation>%1 dòng: %2 sẵn sàng, %3 có lỗi, %4 trùng.</translation>
    </message>
    <message>
        <source>Fix the rows with errors in the file, then choose it again.</source>
        <translation>Hãy sửa các dòng có lỗi trong tệp rồi chọn lại tệp.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Đang nhập…</translation>
    </message>
    <message>
        <source>Imported %1 households; %2 duplicates skipped.</source>
        <translation>Đã nhập %1 hộ; bỏ qua %2 hộ trùng.</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>Lưu các dòng bị loại</translation>
    </message>
    <message>
        <source>%1 rows saved to %2</source>
        <translation>Đã lưu %1 dòng vào %2</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Outreach is locked</source>
        <extracomment>What a person does: these restart the idle clock, and are swallowed outside the lock screen.</extracomment>
        <translation>Outreach đang khoá</translation>
    </message>
    <message>
        <source>Choose a PIN for Outreach</source>
        <translation>Chọn mã PIN cho Outreach</translation>
    </message>
    <message>
        <source>Type the PIN of %1 to go on. Syncing goes on while the app is locked.</source>
        <translation>Nhập mã PIN của %1 để tiếp tục. Việc đồng bộ vẫn chạy trong khi ứng dụng khoá.</translation>
    </message>
    <message>
        <source>This computer holds residents&apos; personal data: choose a PIN of %2 to %3 digits. Outreach asks it at start, after %4 minutes without use and on Ctrl+L. It is kept only as a hash in the system keyring; nobody can read it back, so remember it.</source>
        <translation>Máy này lưu dữ liệu cá nhân của người dân: hãy chọn mã PIN từ %2 đến %3 chữ số. Outreach hỏi mã khi khởi động, sau %4 phút không dùng và khi bấm Ctrl+L. Mã chỉ được lưu dưới dạng băm trong kho khoá của hệ thống; không ai đọc lại được, vì vậy hãy nhớ mã.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Mã PIN mới</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>Nhập lại mã PIN</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khoá</translation>
    </message>
    <message>
        <source>Set PIN and open</source>
        <translation>Đặt mã PIN và mở</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Households</source>
        <extracomment>Thread-safe entry for the sync engine: emit from anywhere, rendered on the GUI thread. (Changes, initiator): what a write changed, sent to every screen built so far; each one decides from it whether to reload (``apply_changes``), so no list here says who shows what. a duplicate scan finished: how many pairs wait for the leader the PIN lock over every screen and dialog; off until ``start_app_lock`` (``app.run``)</extracomment>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>Ghi lần thăm</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Việc cần làm</translation>
    </message>
    <message>
        <source>Weekly log</source>
        <translation>Nhật ký tuần</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Độ bao phủ</translation>
    </message>
    <message>
        <source>Procedures &amp; QR</source>
        <translation>Thủ tục &amp; mã QR</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Outreach — online public services at home</source>
        <translation>Outreach — hỗ trợ dịch vụ công trực tuyến tại nhà</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Outreach hand-over files (*.handover)</source>
        <translation>Tệp bàn giao Outreach (*.handover)</translation>
    </message>
    <message>
        <source>Possible duplicates: %1 (%2 new)…</source>
        <translation>Có thể trùng: %1 (%2 mới)…</translation>
    </message>
    <message>
        <source>Possible duplicates: %1…</source>
        <translation>Có thể trùng: %1…</translation>
    </message>
    <message>
        <source>(no team member set)</source>
        <translation>(chưa gắn thành viên đội)</translation>
    </message>
    <message>
        <source>Demo profile, NOT encrypted</source>
        <translation>Hồ sơ demo, KHÔNG mã hoá</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <source>Teams &amp; areas</source>
        <translation>Đội &amp; địa bàn</translation>
    </message>
    <message>
        <source>Syncs over UNENCRYPTED http://</source>
        <translation>Đồng bộ qua http:// KHÔNG mã hoá</translation>
    </message>
    <message>
        <source>Not yet sent…</source>
        <translation>Chưa gửi…</translation>
    </message>
    <message>
        <source>What is saved on this computer but not yet on the ward server</source>
        <translation>Những gì đã lưu trên máy này nhưng chưa lên máy chủ phường</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <source>Sync problems…</source>
        <translation>Sự cố đồng bộ…</translation>
    </message>
    <message>
        <source>Households or residents that may have been registered twice</source>
        <translation>Hộ hoặc nhân khẩu có thể đã được đăng ký hai lần</translation>
    </message>
    <message>
        <source>This computer&apos;s data was destroyed</source>
        <extracomment>pairs the leader has had in front of them this session: the others are &quot;new&quot;</extracomment>
        <translation>Dữ liệu trên máy này đã bị xoá</translation>
    </message>
    <message>
        <source>The ward office reported this computer lost or stolen. Its Outreach data — the database, its key, the backups and the exports it made — has been destroyed. Outreach closes now.</source>
        <translation>Văn phòng phường đã báo máy này bị mất hoặc bị đánh cắp. Dữ liệu Outreach trên máy — cơ sở dữ liệu, khoá của nó, các bản sao lưu và các tệp đã xuất — đã bị xoá. Outreach sẽ đóng ngay bây giờ.</translation>
    </message>
    <message>
        <source>Close Outreach</source>
        <translation>Đóng Outreach</translation>
    </message>
    <message>
        <source>Save unsent changes</source>
        <translation>Lưu các thay đổi chưa gửi</translation>
    </message>
    <message>
        <source>This computer can no longer sync</source>
        <translation>Máy này không còn được đồng bộ</translation>
    </message>
    <message>
        <source>The ward office has revoked this computer&apos;s access. Nothing on it was deleted. Export the unsent changes to hand them over, and wipe this computer&apos;s Outreach data if the office asked you to.</source>
        <translation>Văn phòng phường đã thu hồi quyền truy cập của máy này. Chưa có gì trên máy bị xoá. Hãy xuất các thay đổi chưa gửi để bàn giao, và xoá dữ liệu Outreach trên máy nếu văn phòng yêu cầu.</translation>
    </message>
    <message>
        <source>Export unsent changes…</source>
        <translation>Xuất thay đổi chưa gửi…</translation>
    </message>
    <message>
        <source>Wipe this computer&apos;s data…</source>
        <translation>Xoá dữ liệu trên máy này…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>%1 unsent changes saved to %2</source>
        <translation>Đã lưu %1 thay đổi chưa gửi vào %2</translation>
    </message>
    <message>
        <source>Wipe this computer&apos;s data</source>
        <translation>Xoá dữ liệu trên máy này</translation>
    </message>
    <message>
        <source>Delete this profile&apos;s database and its key from this computer? Changes that were never sent are lost unless you exported them. This cannot be undone.</source>
        <translation>Xoá cơ sở dữ liệu của hồ sơ này và khoá mã hoá của nó khỏi máy? Các thay đổi chưa gửi sẽ mất nếu bạn chưa xuất chúng. Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Wipe</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Giữ lại</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Protect the hand-over file</source>
        <translation>Bảo vệ tệp bàn giao</translation>
    </message>
    <message>
        <source>The file holds residents&apos; personal data. Choose a passphrase of at least %1 characters and tell it to the ward office separately (not in the same message as the file).</source>
        <translation>Tệp này chứa thông tin cá nhân của người dân. Hãy chọn một mật khẩu dài ít nhất %1 ký tự và báo riêng cho văn phòng phường (không gửi kèm cùng tin nhắn với tệp).</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Nhập lại:</translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation>Mật khẩu cần ít nhất %1 ký tự.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Done?</source>
        <translation>Kết quả</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>&amp;Team:</source>
        <translation>Độ&amp;i:</translation>
    </message>
    <message>
        <source>D&amp;ay:</source>
        <translation>&amp;Ngày:</translation>
    </message>
    <message>
        <source>&amp;Print route sheet…</source>
        <translation>In lộ t&amp;rình…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Làm mới</translation>
    </message>
    <message>
        <source>Done (D)</source>
        <translation>Đã đến (D)</translation>
    </message>
    <message>
        <source>Nobody at home (V)</source>
        <translation>Vắng nhà (V)</translation>
    </message>
    <message>
        <source>Drop from today (Del)</source>
        <translation>Bỏ khỏi hôm nay (Del)</translation>
    </message>
    <message>
        <source>Keys on the list: D or Space done · V nobody at home · Delete drop (leader)</source>
        <translation>Phím trên danh sách: D hoặc Space: đã đến · V: vắng nhà · Delete: bỏ khỏi kế hoạch (đội trưởng)</translation>
    </message>
    <message>
        <source>&amp;Restore to today</source>
        <translation>&amp;Khôi phục vào hôm nay</translation>
    </message>
    <message>
        <source>This computer belongs to no team yet.</source>
        <translation>Máy này chưa thuộc đội nào.</translation>
    </message>
    <message>
        <source>%1 households · %2 done · %3 nobody at home</source>
        <translation>%1 hộ · %2 đã đến · %3 vắng nhà</translation>
    </message>
    <message>
        <source>the team has no area yet: the whole ward</source>
        <translation>đội chưa được giao địa bàn: cả phường</translation>
    </message>
    <message>
        <source>Dropped from today: %1</source>
        <translation>Đã bỏ khỏi hôm nay: %1</translation>
    </message>
    <message>
        <source>Print route sheet</source>
        <translation>In lộ trình</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
</context>
<context>
    <name>ProceduresView</name>
    <message>
        <source>Filter by name or code</source>
        <translation>Lọc theo tên hoặc mã thủ tục</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Lọc:</translation>
    </message>
    <message>
        <source>The resident scans this code with their phone camera to open the procedure on the national public service portal.</source>
        <translation>Người dân quét mã này bằng camera điện thoại để mở thủ tục trên Cổng Dịch vụ công quốc gia.</translation>
    </message>
    <message>
        <source>Code %1 · %2 · %3</source>
        <translation>Mã %1 · %2 · %3</translation>
    </message>
    <message>
        <source>This procedure&apos;s code is not confirmed yet, so no QR code is shown.</source>
        <translation>Mã của thủ tục này chưa được xác nhận nên chưa hiện mã QR.</translation>
    </message>
</context>
<context>
    <name>ReachListsView</name>
    <message>
        <source>&amp;List:</source>
        <translation>&amp;Danh sách:</translation>
    </message>
    <message>
        <source> months</source>
        <translation> tháng</translation>
    </message>
    <message>
        <source>&amp;Within:</source>
        <translation>T&amp;rong vòng:</translation>
    </message>
    <message>
        <source>The team&apos;s area</source>
        <translation>Địa bàn của đội</translation>
    </message>
    <message>
        <source>Whole ward</source>
        <translation>Toàn phường</translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation>&amp;Phạm vi:</translation>
    </message>
    <message>
        <source>&amp;Add to today&apos;s plan</source>
        <translation>&amp;Thêm vào kế hoạch hôm nay</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Xuất…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <source>Renew by</source>
        <translation>Hạn cấp đổi</translation>
    </message>
    <message>
        <source>Register birth by</source>
        <translation>Hạn đăng ký khai sinh</translation>
    </message>
    <message>
        <source>Reaches the age on</source>
        <translation>Ngày đủ tuổi</translation>
    </message>
    <message>
        <source>Last reached</source>
        <translation>Lần thăm gần nhất</translation>
    </message>
    <message>
        <source>CMND valid until</source>
        <translation>CMND hết hạn</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Sinh ngày</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <source>the whole ward</source>
        <translation>cả phường</translation>
    </message>
    <message>
        <source>the team&apos;s area</source>
        <translation>địa bàn của đội</translation>
    </message>
    <message>
        <source>%1 rows · %2</source>
        <translation>%1 dòng · %2</translation>
    </message>
    <message>
        <source>Added to today&apos;s plan: %1</source>
        <translation>Đã thêm vào kế hoạch hôm nay: %1</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>Xuất danh sách</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>Đã lưu: %1</translation>
    </message>
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <source>Edit resident</source>
        <extracomment>the scanned card&apos;s issue date, kept like its address (the reach lists compute renewal from it)</extracomment>
        <translation>Sửa nhân khẩu</translation>
    </message>
    <message>
        <source>Add a resident</source>
        <translation>Thêm nhân khẩu</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(chưa rõ)</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <source>choose or type the relation</source>
        <translation>chọn hoặc gõ quan hệ</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>Chưa có tài khoản</translation>
    </message>
    <message>
        <source>Level 1</source>
        <translation>Mức 1</translation>
    </message>
    <message>
        <source>Level 2</source>
        <translation>Mức 2</translation>
    </message>
    <message>
        <source>The resident &amp;agrees that the ward keeps these details</source>
        <translation>Người dân đồng ý để &amp;phường lưu các thông tin này</translation>
    </message>
    <message>
        <source>Help with online public services</source>
        <translation>Hỗ trợ dịch vụ công trực tuyến</translation>
    </message>
    <message>
        <source>(filled from a scanned card)</source>
        <translation>(điền khi quét thẻ)</translation>
    </message>
    <message>
        <source>The permanent address printed on the ID card, kept as printed</source>
        <translation>Nơi thường trú in trên thẻ căn cước, giữ nguyên như trên thẻ</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>Date of &amp;birth:</source>
        <translation>Ngày &amp;sinh:</translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation>&amp;Giới tính:</translation>
    </message>
    <message>
        <source>&amp;Personal ID:</source>
        <translation>Số đị&amp;nh danh:</translation>
    </message>
    <message>
        <source>&amp;Old ID (CMND):</source>
        <translation>Số CMN&amp;D cũ:</translation>
    </message>
    <message>
        <source>&amp;Relation to head:</source>
        <translation>&amp;Quan hệ với chủ hộ:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>Điện &amp;thoại:</translation>
    </message>
    <message>
        <source>&amp;VNeID level:</source>
        <translation>Mức &amp;VNeID:</translation>
    </message>
    <message>
        <source>Address on the card:</source>
        <translation>Địa chỉ trên thẻ:</translation>
    </message>
    <message>
        <source>P&amp;urpose:</source>
        <translation>&amp;Mục đích:</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Vẫn lưu</translation>
    </message>
    <message>
        <source>Open the existing person</source>
        <translation>Mở người đã có</translation>
    </message>
    <message>
        <source>Go back and correct</source>
        <translation>Quay lại sửa</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Vui lòng kiểm tra</translation>
    </message>
    <message>
        <source>Compare with the ID card before saving.</source>
        <translation>Đối chiếu với thẻ căn cước trước khi lưu.</translation>
    </message>
    <message>
        <source>The household already has a head</source>
        <translation>Hộ đã có chủ hộ</translation>
    </message>
    <message>
        <source>Make this person the head</source>
        <translation>Đặt người này làm chủ hộ</translation>
    </message>
    <message>
        <source>Choose another relation</source>
        <translation>Chọn quan hệ khác</translation>
    </message>
    <message>
        <source>The current head&apos;s relation becomes “%1”.</source>
        <translation>Chủ hộ hiện tại sẽ đổi quan hệ thành “%1”.</translation>
    </message>
</context>
<context>
    <name>RestampPrompt</name>
    <message>
        <source>Send the held-back changes again</source>
        <translation>Gửi lại các thay đổi bị giữ lại</translation>
    </message>
    <message>
        <source>The server did not accept some unsent changes because they were saved while this computer&apos;s clock was ahead. The clock looks right now: give them the current time and send them?</source>
        <translation>Máy chủ chưa nhận một số thay đổi chưa gửi vì chúng được lưu lúc đồng hồ của máy này đang chạy nhanh. Giờ của máy hiện đã đúng: ghi lại giờ hiện tại cho các thay đổi đó rồi gửi đi?</translation>
    </message>
    <message>
        <source>Fix the times and send</source>
        <translation>Sửa giờ và gửi</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Nothing is lost: the changes keep their order.</source>
        <translation>Không mất dữ liệu: các thay đổi vẫn giữ nguyên thứ tự.</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Scan an ID card</source>
        <translation>Quét thẻ căn cước</translation>
    </message>
    <message>
        <source>Point the scanner at the QR code on the card. Nothing is saved until you check and save the form.</source>
        <translation>Hướng máy quét vào mã QR trên thẻ. Chưa có gì được lưu cho đến khi bạn kiểm tra và lưu biểu mẫu.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Window size and position</source>
        <translation>Kích thước và vị trí cửa sổ</translation>
    </message>
    <message>
        <source>Window layout</source>
        <translation>Bố cục cửa sổ</translation>
    </message>
    <message>
        <source>Last screen shown</source>
        <translation>Màn hình mở gần nhất</translation>
    </message>
    <message>
        <source>Households list and detail sizes</source>
        <translation>Kích thước danh sách và chi tiết hộ</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Language</source>
        <extracomment>Typing pause after which the code field is checked for a scanned enrolment link. &quot;Change PIN…&quot;: the window&apos;s app lock asks the current PIN, then the new one</extracomment>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <source>The change applies at once and is remembered for the next start.</source>
        <translation>Thay đổi có hiệu lực ngay và được ghi nhớ cho lần mở sau.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Hồ sơ người dùng</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Mở &amp;thư mục</translation>
    </message>
    <message>
        <source>Profile folder:</source>
        <translation>Thư mục hồ sơ:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Người dùng:</translation>
    </message>
    <message>
        <source>This is a demo profile with synthetic data.</source>
        <translation>Đây là hồ sơ demo với dữ liệu giả.</translation>
    </message>
    <message>
        <source>Change the &amp;PIN…</source>
        <translation>Đổi mã P&amp;IN…</translation>
    </message>
    <message>
        <source>The app lock&apos;s PIN, asked at start, after 10 idle minutes and on Ctrl+L</source>
        <translation>Mã PIN khoá ứng dụng, được hỏi khi khởi động, sau 10 phút không dùng và khi bấm Ctrl+L</translation>
    </message>
    <message>
        <source>App lock:</source>
        <translation>Khoá ứng dụng:</translation>
    </message>
    <message>
        <source>Ward server</source>
        <translation>Máy chủ của phường</translation>
    </message>
    <message>
        <source>One-time code from the ward office</source>
        <translation>Mã dùng một lần do văn phòng phường cấp</translation>
    </message>
    <message>
        <source>Only if the ward uses its own certificate (.pem)</source>
        <translation>Chỉ khi phường dùng chứng chỉ riêng (.pem)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Chọn tệ&amp;p…</translation>
    </message>
    <message>
        <source>&amp;Enrol this computer</source>
        <translation>Đăn&amp;g ký máy này</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Địa &amp;chỉ máy chủ:</translation>
    </message>
    <message>
        <source>Enrolment &amp;code:</source>
        <translation>&amp;Mã đăng ký:</translation>
    </message>
    <message>
        <source>Server ce&amp;rtificate:</source>
        <translation>Chứng chỉ &amp;bảo mật của máy chủ:</translation>
    </message>
    <message>
        <source>Enrol a &amp;team member&apos;s laptop…</source>
        <translation>Đăng ký máy cho thành &amp;viên đội…</translation>
    </message>
    <message>
        <source>This computer is enrolled with %1.</source>
        <translation>Máy này đã đăng ký với %1.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Phiên bản:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Cơ sở dữ liệu:</translation>
    </message>
    <message>
        <source>Encrypted (key kept in the system keyring)</source>
        <translation>Đã mã hoá (khoá giữ trong kho khoá của hệ điều hành)</translation>
    </message>
    <message>
        <source>NOT encrypted — demo data only</source>
        <translation>KHÔNG mã hoá — chỉ dùng dữ liệu giả</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>Mã hoá:</translation>
    </message>
    <message>
        <source>Enter the server address and the one-time code.</source>
        <translation>Nhập địa chỉ máy chủ và mã dùng một lần.</translation>
    </message>
    <message>
        <source>The certificate file %1 does not exist.</source>
        <translation>Không có tệp chứng chỉ %1.</translation>
    </message>
    <message>
        <source>The ward server&apos;s certificate</source>
        <translation>Chứng chỉ của máy chủ phường</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Chứng chỉ (*.pem *.crt *.cer);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>This computer is enrolled with %1. Restart Outreach to start syncing.</source>
        <translation>Máy này đã đăng ký với %1. Hãy mở lại Outreach để bắt đầu đồng bộ.</translation>
    </message>
</context>
<context>
    <name>SideView</name>
    <message>
        <source>Address: %1</source>
        <translation>Địa chỉ: %1</translation>
    </message>
    <message>
        <source>Head of household: %1</source>
        <translation>Chủ hộ: %1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Điện thoại: %1</translation>
    </message>
    <message>
        <source>Residents (%1): %2</source>
        <translation>Nhân khẩu (%1): %2</translation>
    </message>
    <message>
        <source>Visits: %1</source>
        <translation>Lần thăm: %1</translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation>Họ tên: %1</translation>
    </message>
    <message>
        <source>Date of birth: %1</source>
        <translation>Ngày sinh: %1</translation>
    </message>
    <message>
        <source>Personal ID: %1</source>
        <translation>Số định danh: %1</translation>
    </message>
    <message>
        <source>Household: %1 · %2</source>
        <translation>Hộ: %1 · %2</translation>
    </message>
    <message>
        <source>Filings: %1</source>
        <translation>Hồ sơ thủ tục: %1</translation>
    </message>
</context>
<context>
    <name>SyncProblems</name>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Nhân khẩu</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Lần thăm</translation>
    </message>
    <message>
        <source>Filing</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Week lock</source>
        <translation>Khoá tuần</translation>
    </message>
    <message>
        <source>Plan entry</source>
        <translation>Kế hoạch trong ngày</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>Quan hệ với chủ hộ</translation>
    </message>
    <message>
        <source>VNeID level</source>
        <translation>Mức VNeID</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Đội</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Sync problems</source>
        <translation>Sự cố đồng bộ</translation>
    </message>
    <message>
        <source>Changes the ward server refused. Other changes are still sent. Discarding one brings back the server&apos;s values at the next sync.</source>
        <translation>Các thay đổi máy chủ phường không nhận. Các thay đổi khác vẫn được gửi. Bỏ một thay đổi thì lần đồng bộ sau sẽ lấy lại giá trị của máy chủ.</translation>
    </message>
    <message>
        <source>&amp;Discard the selected change</source>
        <translation>&amp;Bỏ thay đổi đang chọn</translation>
    </message>
    <message>
        <source>Refused changes</source>
        <translation>Thay đổi bị từ chối</translation>
    </message>
    <message>
        <source>&amp;Restore the selected value</source>
        <translation>&amp;Khôi phục giá trị đang chọn</translation>
    </message>
    <message>
        <source>Overwritten values</source>
        <translation>Giá trị bị ghi đè</translation>
    </message>
    <message>
        <source>Asking the ward server…</source>
        <translation>Đang hỏi máy chủ phường…</translation>
    </message>
    <message>
        <source>Refused at</source>
        <translation>Bị từ chối lúc</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Bản ghi</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>Ghi nhận lúc</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Overwritten value</source>
        <translation>Giá trị bị ghi đè</translation>
    </message>
    <message>
        <source>Value now</source>
        <translation>Giá trị hiện tại</translation>
    </message>
    <message>
        <source>Values another laptop&apos;s concurrent edit replaced. Restore one to write it back.</source>
        <translation>Các giá trị đã bị thay bởi một lần sửa cùng lúc trên máy khác. Khôi phục để ghi lại giá trị đó.</translation>
    </message>
    <message>
        <source>No overwritten values.</source>
        <translation>Không có giá trị nào bị ghi đè.</translation>
    </message>
    <message>
        <source>The list is kept by the ward server and needs a connection: %1</source>
        <translation>Danh sách này nằm trên máy chủ phường và cần kết nối mạng: %1</translation>
    </message>
    <message>
        <source>Discard the change</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Discard this refused change? The server&apos;s values come back at the next sync.</source>
        <translation>Bỏ thay đổi bị từ chối này? Lần đồng bộ sau sẽ lấy lại giá trị của máy chủ.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Giữ lại</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Cannot reach the server — changes are kept on this computer</source>
        <translation>Không kết nối được máy chủ — các thay đổi vẫn được lưu trên máy</translation>
    </message>
    <message>
        <source>The ward server has a problem — changes are kept on this computer</source>
        <translation>Máy chủ phường đang gặp lỗi — các thay đổi vẫn được lưu trên máy</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified</source>
        <translation>Không xác minh được chứng chỉ bảo mật của máy chủ</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is wrong — fix the date and time</source>
        <translation>Đồng hồ của máy đang sai — hãy chỉnh lại ngày giờ</translation>
    </message>
    <message>
        <source>This computer&apos;s access was revoked</source>
        <translation>Máy này đã bị thu hồi quyền đồng bộ</translation>
    </message>
    <message>
        <source>Update Outreach to keep syncing</source>
        <translation>Cần cập nhật Outreach để tiếp tục đồng bộ</translation>
    </message>
    <message>
        <source>Another sync is running</source>
        <translation>Đang có một lần đồng bộ khác</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Đồng bộ không thành công: %1</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Đồng bộ không thành công</translation>
    </message>
    <message>
        <source>Not connected to a ward server</source>
        <translation>Chưa kết nối máy chủ phường</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>Sent %1, received %2 changes — %3</source>
        <translation>Đã gửi %1, đã nhận %2 thay đổi — %3</translation>
    </message>
    <message>
        <source>Synced, nothing new — %3</source>
        <translation>Đã đồng bộ, không có gì mới — %3</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>Vừa đồng bộ</translation>
    </message>
    <message>
        <source>Synced %1 min ago</source>
        <translation>Đồng bộ %1 phút trước</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Đã đồng bộ</translation>
    </message>
    <message>
        <source>%1 changes waiting</source>
        <translation>%1 thay đổi chờ gửi</translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation>%1 cần xử lý</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>What a write says it changed: a value, or a function of its result (see the module docstring). (task id, ok as 0/1, result or exception) — emitted from worker threads, delivered queued. ``ok`` is an int: a Python bool through a queued PySide6 signal corrupted bool refcounts. Emitted on the GUI thread after any task&apos;s callbacks ran; tests wait on it. Emitted on the GUI thread when no task is running any more. (Changes, initiator) after a write&apos;s ``on_done``: what it changed and who asked for it.</extracomment>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>TeamEnrolmentDialog</name>
    <message>
        <source>Enrol a team member&apos;s laptop</source>
        <translation>Đăng ký máy cho thành viên đội</translation>
    </message>
    <message>
        <source>e.g. Lê Thị Mai (optional)</source>
        <translation>ví dụ Lê Thị Mai (không bắt buộc)</translation>
    </message>
    <message>
        <source>Team member&apos;s &amp;name:</source>
        <translation>&amp;Tên thành viên:</translation>
    </message>
    <message>
        <source>&amp;Get a code</source>
        <translation>&amp;Lấy mã</translation>
    </message>
    <message>
        <source>The code lets one more laptop join your team as a volunteer. It works once and expires after a few minutes.</source>
        <translation>Mã này cho phép thêm một máy tính vào đội của bạn với vai trò tình nguyện viên. Mã chỉ dùng được một lần và hết hạn sau ít phút.</translation>
    </message>
    <message>
        <source>On the new laptop: open Settings, put the cursor in &quot;Enrolment code&quot; and scan this QR code (or type the server address and the code). Valid until %1, once.</source>
        <translation>Trên máy mới: mở Cài đặt, đặt con trỏ vào ô “Mã đăng ký” rồi quét mã QR này (hoặc gõ địa chỉ máy chủ và mã). Dùng được một lần, đến %1.</translation>
    </message>
    <message>
        <source>&amp;Get another code</source>
        <translation>&amp;Lấy mã khác</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Today&apos;s &amp;plan</source>
        <translation>&amp;Kế hoạch hôm nay</translation>
    </message>
    <message>
        <source>People to &amp;reach</source>
        <translation>Danh sách cần &amp;tiếp cận</translation>
    </message>
</context>
<context>
    <name>UnsentDialog</name>
    <message>
        <source>Not yet on the server</source>
        <translation>Chưa lên máy chủ</translation>
    </message>
    <message>
        <source>These records are saved on this computer, but their latest changes have not reached the ward server yet. They are sent at the next sync; nothing here is lost while the computer is offline.</source>
        <translation>Các bản ghi này đã được lưu trên máy, nhưng những thay đổi mới nhất chưa đến máy chủ phường. Chúng sẽ được gửi ở lần đồng bộ tới; khi máy mất mạng, không có gì ở đây bị mất.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Đang đọc…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Đồng &amp;bộ ngay</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Address / household</source>
        <translation>Địa chỉ / hộ</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Số thay đổi</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Thay đổi gần nhất</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(đã xoá)</translation>
    </message>
    <message>
        <source>Everything is on the server.</source>
        <translation>Mọi thay đổi đã lên máy chủ.</translation>
    </message>
    <message>
        <source>%1 records not yet sent: %2 households, %3 residents, %4 visits</source>
        <translation>%1 bản ghi chưa gửi: %2 hộ gia đình, %3 nhân khẩu, %4 lần thăm hộ</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit of %1 on %2</source>
        <translation>Lần thăm hộ %1 ngày %2</translation>
    </message>
</context>
<context>
    <name>VisitDraftsDialog</name>
    <message>
        <source>Visit drafts</source>
        <translation>Bản nháp lần thăm</translation>
    </message>
    <message>
        <source>Visits begun and not saved yet. Open one to go on with it; the visit on the form stays a draft.</source>
        <translation>Các lần thăm đã bắt đầu nhưng chưa lưu. Mở một bản nháp để nhập tiếp; lần thăm đang ở trên biểu mẫu vẫn được giữ làm bản nháp.</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>Bắt đầu lúc</translation>
    </message>
    <message>
        <source>Last edited</source>
        <translation>Sửa lần cuối</translation>
    </message>
    <message>
        <source>No drafts.</source>
        <translation>Không có bản nháp nào.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Xoá…</translation>
    </message>
    <message>
        <source>(no household chosen yet)</source>
        <translation>(chưa chọn hộ)</translation>
    </message>
    <message>
        <source>%1 — on the form now</source>
        <translation>%1 — đang mở trên biểu mẫu</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Xoá bản nháp</translation>
    </message>
    <message>
        <source>Delete this draft? What was typed in it cannot be brought back.</source>
        <translation>Xoá bản nháp này? Những gì đã nhập trong đó sẽ không lấy lại được.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Giữ lại</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Type the head&apos;s name, the address or a phone, then Enter</source>
        <extracomment>the ward&apos;s province: its overrides of fees and times apply to what the form shows this visit&apos;s key in the drafts table (a new one for each visit begun) the visit was begun (first edit): its start is stamped then, once the volunteer set the start time themselves: never stamp over it a restored draft&apos;s picked procedure / &quot;filing for&quot;, until the catalogue / residents are read</extracomment>
        <translation>Gõ tên chủ hộ, địa chỉ hoặc số điện thoại rồi nhấn Enter</translation>
    </message>
    <message>
        <source>No household chosen yet.</source>
        <translation>Chưa chọn hộ gia đình.</translation>
    </message>
    <message>
        <source>Separate topics with commas, e.g. %1</source>
        <translation>Các nội dung cách nhau bằng dấu phẩy, ví dụ %1</translation>
    </message>
    <message>
        <source>(not asked)</source>
        <translation>(chưa hỏi)</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>%1/5</translation>
    </message>
    <message>
        <source>Space ticks or unticks the selected member</source>
        <translation>Phím cách để đánh dấu hoặc bỏ đánh dấu thành viên đang chọn</translation>
    </message>
    <message>
        <source>(this computer&apos;s user)</source>
        <translation>(người dùng máy này)</translation>
    </message>
    <message>
        <source>Procedure name or code, then Enter</source>
        <translation>Tên hoặc mã thủ tục, rồi nhấn Enter</translation>
    </message>
    <message>
        <source>Dossier code, if submitted</source>
        <translation>Mã hồ sơ, nếu đã nộp</translation>
    </message>
    <message>
        <source>Fee paid &amp;online</source>
        <translation>Đã nộp &amp;phí trực tuyến</translation>
    </message>
    <message>
        <source>Result received electronically</source>
        <translation>Nhận kết quả điện tử</translation>
    </message>
    <message>
        <source>A&amp;dd filing</source>
        <translation>Thêm hồ &amp;sơ</translation>
    </message>
    <message>
        <source>&amp;Save visit</source>
        <translation>&amp;Lưu lần thăm</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Lưu thay đổi</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>Drafts (%1)</source>
        <translation>Bản nháp (%1)</translation>
    </message>
    <message>
        <source>Visits begun and not saved yet: reopen or delete one</source>
        <translation>Các lần thăm đã bắt đầu nhưng chưa lưu: mở lại hoặc xoá</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* bắt buộc</translation>
    </message>
    <message>
        <source>required</source>
        <translation>bắt buộc</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation>&amp;Hộ gia đình:</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Lần thăm</translation>
    </message>
    <message>
        <source>S&amp;tarted at:</source>
        <translation>&amp;Bắt đầu lúc:</translation>
    </message>
    <message>
        <source>Ended at:</source>
        <translation>Kết thúc lúc:</translation>
    </message>
    <message>
        <source>&amp;Members present:</source>
        <translation>Thành &amp;viên có mặt:</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;Kết quả:</translation>
    </message>
    <message>
        <source>To&amp;pics:</source>
        <translation>&amp;Nội dung:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>Ghi &amp;chú:</translation>
    </message>
    <message>
        <source>&amp;Follow-up date:</source>
        <translation>Ngày hẹn &amp;quay lại:</translation>
    </message>
    <message>
        <source>Sat&amp;isfaction:</source>
        <translation>Mức hà&amp;i lòng:</translation>
    </message>
    <message>
        <source>Filings helped</source>
        <translation>Hồ sơ đã hỗ trợ</translation>
    </message>
    <message>
        <source>Pro&amp;cedure:</source>
        <translation>Thủ &amp;tục:</translation>
    </message>
    <message>
        <source>Fo&amp;r:</source>
        <translation>Ch&amp;o ai:</translation>
    </message>
    <message>
        <source>Porta&amp;l:</source>
        <translation>Cổn&amp;g:</translation>
    </message>
    <message>
        <source>Clear form</source>
        <translation>Xoá biểu mẫu</translation>
    </message>
    <message>
        <source>Ne&amp;w visit</source>
        <translation>Lần thăm mới</translation>
    </message>
    <message>
        <source>Keep this visit as a draft and begin another (another house)</source>
        <translation>Giữ lần thăm này làm bản nháp và bắt đầu lần thăm khác (sang nhà khác)</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>T&amp;rạng thái:</translation>
    </message>
    <message>
        <source>Dossier cod&amp;e:</source>
        <translation>&amp;Mã hồ sơ:</translation>
    </message>
    <message>
        <source>No household matches.</source>
        <translation>Không có hộ nào phù hợp.</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Đã chọn: %1</translation>
    </message>
    <message>
        <source>The household</source>
        <translation>Cả hộ</translation>
    </message>
    <message>
        <source>No procedure matches.</source>
        <translation>Không có thủ tục nào phù hợp.</translation>
    </message>
    <message>
        <source>Choose a procedure from the list first (type its name or code, then Enter).</source>
        <translation>Hãy chọn thủ tục trong danh sách trước (gõ tên hoặc mã rồi nhấn Enter).</translation>
    </message>
    <message>
        <source>No procedure was chosen from the list for it (type its name or code, then Enter).</source>
        <translation>Chưa chọn thủ tục từ danh sách (gõ tên hoặc mã thủ tục rồi nhấn Enter).</translation>
    </message>
    <message>
        <source>A submitted filing needs its dossier code.</source>
        <translation>Hồ sơ đã nộp cần có mã hồ sơ.</translation>
    </message>
    <message>
        <source>Filing not added</source>
        <translation>Hồ sơ chưa được thêm</translation>
    </message>
    <message>
        <source>A filing is typed but not added to the visit: %1</source>
        <translation>Có một hồ sơ đã nhập nhưng chưa được thêm vào lần thăm: %1</translation>
    </message>
    <message>
        <source>Go back to the filing</source>
        <translation>Quay lại hồ sơ</translation>
    </message>
    <message>
        <source>Filed &amp;via:</source>
        <translation>Nộp q&amp;ua:</translation>
    </message>
    <message>
        <source>Free of charge by this channel: nothing was paid online.</source>
        <translation>Hình thức nộp này miễn phí: không có khoản nào nộp trực tuyến.</translation>
    </message>
    <message>
        <source>Not in the list: record “%1” as another procedure</source>
        <translation>Không có trong danh mục: ghi “%1” là thủ tục khác</translation>
    </message>
    <message>
        <source>Type the name of the other procedure.</source>
        <translation>Hãy gõ tên thủ tục khác.</translation>
    </message>
    <message>
        <source>No procedure was chosen from the list for it. Best match: %1</source>
        <translation>Chưa chọn thủ tục từ danh sách. Thủ tục khớp nhất: %1</translation>
    </message>
    <message>
        <source>Add the best match and save</source>
        <translation>Thêm thủ tục khớp nhất rồi lưu</translation>
    </message>
    <message>
        <source>Save without it</source>
        <translation>Lưu, bỏ hồ sơ này</translation>
    </message>
    <message>
        <source>Nothing recorded as helped</source>
        <translation>Chưa ghi đã hỗ trợ gì</translation>
    </message>
    <message>
        <source>The outcome is &quot;helped&quot; but no filing, topic or note says with what. Save anyway?</source>
        <translation>Kết quả là “Đã hỗ trợ” nhưng chưa có hồ sơ, chủ đề hay ghi chú nào cho biết đã hỗ trợ việc gì. Vẫn lưu?</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Vẫn lưu</translation>
    </message>
    <message>
        <source>Visit saved: %1 with %2 filing(s).</source>
        <translation>Đã lưu lần thăm: %1, %2 hồ sơ.</translation>
    </message>
    <message>
        <source>Clear the form</source>
        <translation>Xoá biểu mẫu</translation>
    </message>
    <message>
        <source>Throw away what is typed in this form?</source>
        <translation>Bỏ toàn bộ nội dung đã nhập trong biểu mẫu này?</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <source>Leader&apos;s note: %1</source>
        <translation>Ghi chú của đội trưởng: %1</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>(không được ghi lại)</translation>
    </message>
    <message>
        <source>%1 (%2 min)</source>
        <translation>%1 (%2 phút)</translation>
    </message>
    <message>
        <source>(former member)</source>
        <translation>(thành viên cũ)</translation>
    </message>
    <message>
        <source>Unsaved visit found</source>
        <translation>Có lần thăm chưa lưu</translation>
    </message>
    <message>
        <source>A visit you were typing was not saved (the app was closed or the computer stopped). Restore it?</source>
        <translation>Một lần thăm bạn đang nhập chưa được lưu (ứng dụng bị đóng hoặc máy bị tắt). Khôi phục lại?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ đi</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Để sau</translation>
    </message>
</context>
<context>
    <name>WeeklyLogModel</name>
    <message>
        <source>Day and time of the visit (start–end)</source>
        <translation>Ngày và giờ thăm (bắt đầu–kết thúc)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>Tình nguyện viên</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ gia đình</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Tổ</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Filings</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <source>Note</source>
        <comment>column header: the leader&apos;s note</comment>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Leader&apos;s note</source>
        <translation>Ghi chú của đội trưởng</translation>
    </message>
</context>
<context>
    <name>WeeklyLogView</name>
    <message>
        <source>&amp;Week:</source>
        <extracomment>The leader&apos;s note column is as wide as its header and notes up to this; a longer note is cut (its whole text is the cell&apos;s tooltip) so the household column keeps the room it stretches into.</extracomment>
        <translation>T&amp;uần:</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>Tuần trước</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Tuần sau</translation>
    </message>
    <message>
        <source>All volunteers</source>
        <translation>Tất cả tình nguyện viên</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Tất cả các tổ</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Mọi kết quả</translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation>Mọi trạng thái duyệt</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <source>&amp;Flag for correction…</source>
        <translation>&amp;Yêu cầu sửa…</translation>
    </message>
    <message>
        <source>Approve the whole wee&amp;k</source>
        <translation>Duyệt &amp;cả tuần</translation>
    </message>
    <message>
        <source>Only team leaders can approve, flag or lock weeks.</source>
        <translation>Chỉ đội trưởng mới được duyệt, yêu cầu sửa hoặc khoá tuần.</translation>
    </message>
    <message>
        <source>&amp;Volunteer:</source>
        <translation>Tình &amp;nguyện viên:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Tổ:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Kết quả:</translation>
    </message>
    <message>
        <source>&amp;Review:</source>
        <translation>T&amp;rạng thái duyệt:</translation>
    </message>
    <message>
        <source>%1 visits · %2 filings · %3 waiting · %4 approved · %5 flagged · %6 corrected</source>
        <translation>%1 lần thăm · %2 hồ sơ · %3 chờ duyệt · %4 đã duyệt · %5 cần sửa · %6 đã sửa</translation>
    </message>
    <message>
        <source>Week open for edits</source>
        <translation>Tuần đang mở để sửa</translation>
    </message>
    <message>
        <source>Week locked</source>
        <translation>Tuần đã khoá</translation>
    </message>
    <message>
        <source>&amp;Unlock week</source>
        <translation>&amp;Mở khoá tuần</translation>
    </message>
    <message>
        <source>&amp;Lock week</source>
        <translation>K&amp;hoá tuần</translation>
    </message>
    <message>
        <source>Only team leaders can lock or unlock weeks.</source>
        <translation>Chỉ đội trưởng mới khoá hoặc mở khoá được tuần.</translation>
    </message>
    <message>
        <source>Let volunteers add and edit this week&apos;s visits again.</source>
        <translation>Cho tình nguyện viên thêm và sửa lần thăm hộ của tuần này trở lại.</translation>
    </message>
    <message>
        <source>Only a week that has ended can be locked: volunteers are still recording visits in this week.</source>
        <translation>Chỉ khoá được tuần đã kết thúc: tình nguyện viên vẫn đang ghi lần thăm hộ trong tuần này.</translation>
    </message>
    <message>
        <source>Refuse new visits and edits in this week until a leader unlocks it.</source>
        <translation>Không nhận lần thăm hộ mới hay chỉnh sửa trong tuần này cho đến khi đội trưởng mở khoá.</translation>
    </message>
    <message>
        <source>%1 flagged visits stay flagged: their volunteers still owe a correction.</source>
        <translation>%1 lần thăm hộ cần sửa vẫn giữ nguyên: tình nguyện viên còn phải sửa lại.</translation>
    </message>
    <message>
        <source>%1 visits are already approved.</source>
        <translation>%1 lần thăm hộ đã được duyệt từ trước.</translation>
    </message>
    <message>
        <source>The week stays open: volunteers can still add visits to it.</source>
        <translation>Tuần vẫn mở: tình nguyện viên vẫn thêm được lần thăm hộ vào tuần này.</translation>
    </message>
    <message>
        <source>Approve the whole week</source>
        <translation>Duyệt cả tuần</translation>
    </message>
    <message>
        <source>No visit of week %1 is waiting for approval.</source>
        <translation>Tuần %1 không có lần thăm hộ nào đang chờ duyệt.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Approve %1 visits of week %2?</source>
        <translation>Duyệt %1 lần thăm hộ của tuần %2?</translation>
    </message>
    <message>
        <source>Approve %1 visits</source>
        <translation>Duyệt %1 lần thăm hộ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Lock week</source>
        <translation>Khoá tuần</translation>
    </message>
    <message>
        <source>Lock week %1?</source>
        <translation>Khoá tuần %1?</translation>
    </message>
    <message>
        <source>Lock the week</source>
        <translation>Khoá tuần này</translation>
    </message>
    <message>
        <source>Volunteers can no longer add or edit visits of this week until a team leader unlocks it.</source>
        <translation>Tình nguyện viên sẽ không thêm hay sửa được lần thăm hộ của tuần này cho đến khi đội trưởng mở khoá.</translation>
    </message>
</context>
</TS>
