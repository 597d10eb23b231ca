"""The desktop app (PySide6). The only package that imports Qt (DESIGN.md §2).

Importing it installs the binding work-arounds of ``qtcompat`` first, so every screen (ours and
the reports screens) emits signals safely.
"""

from outreach.ui.core.qtcompat import install_emit_refcount_fix

install_emit_refcount_fix()
