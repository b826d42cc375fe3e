"""Awards and speeches lists (filled in by the ceremony issue)."""

from __future__ import annotations

from ..errors import UserError


def import_ceremony_list(event, layout, source: str, dry_run: bool):
    raise UserError(f"{source}: nhập danh sách khen thưởng/tham luận chưa được hỗ trợ trong bản này.")
