<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt ships no qtbase_vi.qm: our Vietnamese for the Qt strings the app shows (standard dialog
     buttons, message boxes, progress dialogs, text-field and text-area context menus).
     Built to qtbase_vi.qm by scripts/build_translations and loaded before the app's own file. -->
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>QPlatformTheme</name>
    <message><source>OK</source><translation>Đồng ý</translation></message>
    <message><source>Save</source><translation>Lưu</translation></message>
    <message><source>Save All</source><translation>Lưu tất cả</translation></message>
    <message><source>Open</source><translation>Mở</translation></message>
    <message><source>&amp;Yes</source><translation>&amp;Có</translation></message>
    <message><source>Yes to &amp;All</source><translation>Có với &amp;tất cả</translation></message>
    <message><source>&amp;No</source><translation>&amp;Không</translation></message>
    <message><source>N&amp;o to All</source><translation>K&amp;hông với tất cả</translation></message>
    <message><source>Abort</source><translation>Huỷ bỏ</translation></message>
    <message><source>Retry</source><translation>Thử lại</translation></message>
    <message><source>Ignore</source><translation>Bỏ qua</translation></message>
    <message><source>Close</source><translation>Đóng</translation></message>
    <message><source>Cancel</source><translation>Huỷ</translation></message>
    <message><source>Discard</source><translation>Bỏ</translation></message>
    <message><source>Help</source><translation>Trợ giúp</translation></message>
    <message><source>Apply</source><translation>Áp dụng</translation></message>
    <message><source>Reset</source><translation>Đặt lại</translation></message>
    <message><source>Restore Defaults</source><translation>Khôi phục mặc định</translation></message>
</context>
<context>
    <name>QDialogButtonBox</name>
    <message><source>OK</source><translation>Đồng ý</translation></message>
    <message><source>&amp;OK</source><translation>Đồn&amp;g ý</translation></message>
    <message><source>&amp;Save</source><translation>&amp;Lưu</translation></message>
    <message><source>Save</source><translation>Lưu</translation></message>
    <message><source>&amp;Cancel</source><translation>&amp;Huỷ</translation></message>
    <message><source>Cancel</source><translation>Huỷ</translation></message>
    <message><source>&amp;Close</source><translation>Đó&amp;ng</translation></message>
    <message><source>Close</source><translation>Đóng</translation></message>
    <message><source>Apply</source><translation>Áp dụng</translation></message>
    <message><source>Reset</source><translation>Đặt lại</translation></message>
    <message><source>Help</source><translation>Trợ giúp</translation></message>
    <message><source>Don&apos;t Save</source><translation>Không lưu</translation></message>
    <message><source>Discard</source><translation>Bỏ</translation></message>
    <message><source>&amp;Yes</source><translation>&amp;Có</translation></message>
    <message><source>&amp;No</source><translation>&amp;Không</translation></message>
</context>
<context>
    <name>QMessageBox</name>
    <message><source>OK</source><translation>Đồng ý</translation></message>
    <message><source>Show Details...</source><translation>Xem chi tiết...</translation></message>
    <message><source>Hide Details...</source><translation>Ẩn chi tiết...</translation></message>
    <message><source>&lt;h3&gt;About Qt&lt;/h3&gt;&lt;p&gt;This program uses Qt version %1.&lt;/p&gt;</source><translation>&lt;h3&gt;Về Qt&lt;/h3&gt;&lt;p&gt;Chương trình này dùng Qt phiên bản %1.&lt;/p&gt;</translation></message>
    <message><source>About Qt</source><translation>Về Qt</translation></message>
</context>
<context>
    <name>QProgressDialog</name>
    <message><source>Cancel</source><translation>Huỷ</translation></message>
</context>
<context>
    <name>QLineEdit</name>
    <message><source>&amp;Undo</source><translation>&amp;Hoàn tác</translation></message>
    <message><source>&amp;Redo</source><translation>&amp;Làm lại</translation></message>
    <message><source>Cu&amp;t</source><translation>&amp;Cắt</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Sao chép</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Dán</translation></message>
    <message><source>Delete</source><translation>Xoá</translation></message>
    <message><source>Select All</source><translation>Chọn tất cả</translation></message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message><source>&amp;Undo</source><translation>&amp;Hoàn tác</translation></message>
    <message><source>&amp;Redo</source><translation>&amp;Làm lại</translation></message>
    <message><source>Cu&amp;t</source><translation>&amp;Cắt</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Sao chép</translation></message>
    <message><source>Copy &amp;Link Location</source><translation>Sao chép địa &amp;chỉ liên kết</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Dán</translation></message>
    <message><source>Delete</source><translation>Xoá</translation></message>
    <message><source>Select All</source><translation>Chọn tất cả</translation></message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message><source>&amp;Select All</source><translation>&amp;Chọn tất cả</translation></message>
    <message><source>&amp;Step up</source><translation>&amp;Tăng</translation></message>
    <message><source>Step &amp;down</source><translation>&amp;Giảm</translation></message>
</context>
<context>
    <name>QShortcut</name>
    <message><source>Ctrl</source><translation>Ctrl</translation></message>
    <message><source>Shift</source><translation>Shift</translation></message>
    <message><source>Alt</source><translation>Alt</translation></message>
    <message><source>Del</source><translation>Del</translation></message>
</context>
<context>
    <name>QInputDialog</name>
    <message><source>Enter a value:</source><translation>Nhập giá trị:</translation></message>
</context>
</TS>
