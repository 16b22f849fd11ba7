"""One data problem, reported as `path:line: field: message (hint)`."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    path: str  # relative to the project root, e.g. data/questions/foo.yml
    line: int  # 1-based; 0 when the problem is not tied to a line
    field: str  # e.g. skills[1]; "" for the whole file
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"


class DataErrors(Exception):
    """Raised once with every problem found, so a contributor fixes them in one pass."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [f"{count} data error{'s' if count != 1 else ''}:"]
        lines += [f"  {e}" for e in self.errors]
        return "\n".join(lines)
