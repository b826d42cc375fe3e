"""What an import did (or, in a dry run, would do), and the refusal when a list has problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from console.ground.errors import UserError
from console.importer.headers import KIND_LABELS
from console.importer.rows import Problem
from console.people.quota import Composition


@dataclass
class ImportReport:
    kind: str
    source: str
    rows: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # would be removed, but already checked in
    matched: list[str] = field(default_factory=list)  # re-added or first a walk-in: their old id (and badge) kept
    warnings: list[str] = field(default_factory=list)
    composition: Composition | None = None
    dry_run: bool = False

    def summary(self) -> str:
        what = KIND_LABELS[self.kind]
        verb = "Sẽ nhập" if self.dry_run else "Đã nhập"
        lines = [f"{verb} {what} từ {self.source}: {self.rows} dòng — thêm {len(self.added)}, "
                 f"thay đổi {len(self.changed)}, bớt {len(self.removed)}."]
        if self.kept:
            lines.append(f"Giữ lại {len(self.kept)} người không còn trong danh sách vì đã điểm danh: {', '.join(self.kept[:10])}.")
        if self.matched:
            lines.append(f"Giữ mã cũ (thẻ đã in vẫn dùng được) cho {len(self.matched)} người: "
                         + "; ".join(self.matched[:20]) + (" …" if len(self.matched) > 20 else "") + ".")
        lines += [f"Cảnh báo: {w}" for w in self.warnings]
        if self.dry_run:
            lines.append("(Chạy thử: chưa ghi gì.)")
        return "\n".join(lines)

    def as_json(self) -> dict:
        comp = self.composition
        return {
            "kind": self.kind, "source": self.source, "rows": self.rows, "dry_run": self.dry_run,
            "added": len(self.added), "changed": len(self.changed), "removed": len(self.removed),
            "kept_checked_in": self.kept, "matched": self.matched, "warnings": self.warnings,
            "registered": comp.total if comp else None,
        }


def refuse(source: str, problems: list[Problem]) -> UserError:
    n = len(problems)
    return UserError(
        f"{source}: có {n} lỗi, chưa nhập gì. Hãy sửa các dòng sau trong tệp rồi nhập lại:",
        details=[str(p) for p in problems[:200]] + ([f"… và {n - 200} lỗi khác."] if n > 200 else []),
    )
