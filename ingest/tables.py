"""Division-of-labour tables: rows that map a task to responsible units.

A table is found by its header row (序号 | 省级方案内容 | 省级牵头单位 | 市级落实单位
…, however OCR spelled 序号), its columns get roles from their headers, and
its data rows are numbered by their order: printed row numbers are often
misread (7 for 2, S for 5), so a mismatch is reported, not trusted.
Text tables come tab- or pipe-separated, or one cell per line; a cell a
converter wrapped goes on in the next line, and a section heading between the
rows (一、产业发展) does not end the table. The docx and pdf readers write their
tables as tab-separated lines, read here as a text file's are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clause_words import clause_words
from .numerals import DATE_PATTERN

_CONTENT_HEADER = re.compile(r"(内容|任务|措施|事项|工作|要求|举措|目标|政策)")
_UNIT_HEADER = re.compile(r"(单位|部门)")
_DEADLINE_HEADER = re.compile(r"(时限|时间|进度|完成)")
_NUMBER_HEADER = re.compile(r"^(序号|编号|序|号)$")
# a line that is ``_NUMBER_HEADER`` once stripped, found in a whole text at once
_NUMBER_HEADER_LINE = re.compile(r"(?m)^[^\S\n]*(?:序号|编号|序|号)[^\S\n]*$")
_NUMBER_HEADER_ALONE = re.compile(r"[^\S\n]*(?:序号|编号|序|号)[^\S\n]*")  # (the same, asked of one line)
_LEVEL_OF_HEADER = {"省": "province", "市": "city", "县": "county", "区": "county"}
_COOPERATE_HEADER = clause_words().cooperate_header
_ROW_NUMBER = re.compile(r"^[\dSsOoIlZz]{1,3}[.、]?$")
_LEAD_HEADER = clause_words().lead_header
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
# a row that only names a part of the table ("一、科技创新"): it separates rows, it is not one
_SECTION_ROW = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


@dataclass
class Cell:
    text: str
    start: int  # offsets into the cleaned document text (-1 when not from text)
    end: int


@dataclass
class Column:
    index: int
    role: str  # "number" | "content" | "units" | "deadline" | "other"
    level: str | None = None  # for unit columns: whose units (province / city / county)
    cooperate: bool = False  # a 配合单位 column
    header: str = ""


@dataclass
class TableRow:
    ordinal: int  # the true row number: its position among the data rows
    printed: str  # the number as printed (may be misread)
    cells: list[Cell]
    # the cell the row's last line ended in, and whether that line stopped before the last column: a line
    # break inside a cell (a converter's wrap) continues it on the next line
    open_cell: int = -1
    short: bool = False


@dataclass
class Table:
    columns: list[Column]
    rows: list[TableRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def column(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    def unit_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "units"]


def _split_row(line: str, offset: int) -> list[Cell] | None:
    if "\t" in line:
        parts = line.split("\t")
    elif line.startswith("|") and line.count("|") >= 3:
        parts = line.strip("|").split("|")
        offset += 1
    else:
        return None
    cells, pos = [], offset
    for part in parts:
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        cells.append(Cell(text, pos + lead, pos + lead + len(text)))
        pos += len(part) + 1
    return cells


def classify_header(cells: list[Cell]) -> list[Column] | None:
    """Column roles if these cells are a table header, else None."""
    texts = [c.text for c in cells]
    if len([t for t in texts if t]) < 2:
        return None
    columns: list[Column] = []
    have_content = have_units = False
    for i, t in enumerate(texts):
        if _NUMBER_HEADER.match(t):
            columns.append(Column(i, "number", header=t))
        elif _UNIT_HEADER.search(t) and len(t) <= 12:
            level = _LEVEL_OF_HEADER.get(t[0]) if t[1:2] == "级" else None
            columns.append(Column(i, "units", level, bool(_COOPERATE_HEADER.search(t)), t))
            have_units = True
        elif _DEADLINE_HEADER.search(t) and len(t) <= 8:
            columns.append(Column(i, "deadline", header=t))
        elif _CONTENT_HEADER.search(t) and len(t) <= 16 and not have_content:
            columns.append(Column(i, "content", header=t))
            have_content = True
        else:
            columns.append(Column(i, "other", header=t))
    if not (have_content and have_units):
        return None
    unit_columns = [c for c in columns if c.role == "units"]
    if any(_LEAD_HEADER.search(c.header) for c in unit_columns):
        # 牵头单位 | 责任单位: beside a lead column, the other unit columns cooperate
        same_level = {c.level for c in unit_columns if _LEAD_HEADER.search(c.header)}
        for c in unit_columns:
            if not _LEAD_HEADER.search(c.header) and c.level in same_level:
                c.cooperate = True
    first = columns[0]
    if first.role == "other" and len(texts[0]) <= 3:
        # 序号 misread by OCR (承中, 承, 本, 京): a short first header cell before the content
        first.role = "number"
    return columns


def find_tables(text: str) -> list[Table]:
    tables: list[Table] = []
    current: Table | None = None
    last_row: TableRow | None = None
    pos = 0
    for line in text.split("\n"):
        offset = pos
        pos += len(line) + 1
        cells = _split_row(line, offset)
        if cells is None:
            stripped = line.strip()
            if current is None or not stripped:
                continue
            if last_row is not None and _continues_cell(stripped, last_row):
                lead = len(line) - len(line.lstrip())
                _continue_row(last_row, [Cell(stripped, offset + lead, offset + lead + len(stripped))])
            elif _is_page_noise(line):
                continue
            elif _is_section_line(stripped):
                last_row = None  # a section heading inside the table ("一、产业发展"): rows go on after it
            else:
                current, last_row = None, None  # prose ends the table
            continue
        header = classify_header(cells)
        if header is not None:
            if current is None or [c.role for c in current.columns] != [c.role for c in header]:
                current = Table(header)
                tables.append(current)
            last_row = None
            continue
        if current is None:
            continue
        last_row = _add_row(current, cells, last_row)
    for table in tables:
        _check_numbers(table)
    return [t for t in tables if t.rows]


def _is_page_noise(line: str) -> bool:
    return len(line.strip()) <= 2


def _add_row(table: Table, cells: list[Cell], last_row: TableRow | None) -> TableRow | None:
    number_col = table.column("number")
    printed = cells[number_col.index].text if number_col and number_col.index < len(cells) else ""
    filled = [c for c in cells if c.text]
    if filled and all(_SEPARATOR_CELL.match(c.text) for c in filled):
        return last_row  # the |---|---| line of a markdown table
    if len(filled) == 1 and _SECTION_ROW.match(filled[0].text):
        return None  # a section heading inside the table: the next row starts afresh
    if not filled or (len(filled) == 1 and len(filled[0].text) <= 2 and not _ROW_NUMBER.match(filled[0].text)):
        return last_row  # an empty or junk line ("-") between header and rows
    starts_row = bool(printed) and (_ROW_NUMBER.match(printed) is not None or number_col is None)
    if number_col is None:
        starts_row = True
    if not starts_row and last_row is not None:
        if last_row.short:
            # the row's line stopped inside a cell: this line goes on with that cell, then the columns after it
            _continue_row(last_row, cells)
            return last_row
        # a cell broken across lines: glue each piece onto the cell above it
        for i, cell in enumerate(cells):
            if not cell.text or i >= len(last_row.cells):
                continue
            above = last_row.cells[i]
            if above.text:
                above.text += cell.text
                above.end = cell.end
            else:
                last_row.cells[i] = cell
        return last_row
    printed_cells = len(cells)
    while len(cells) < len(table.columns):
        cells.append(Cell("", -1, -1))
    row = TableRow(len(table.rows) + 1, printed, cells, printed_cells - 1, printed_cells < len(table.columns))
    table.rows.append(row)
    return row


def _continue_row(row: TableRow, cells: list[Cell]) -> None:
    """The next line of ``row``: its first piece goes on with the cell the row's last line ended in, the others
    fill the columns after it."""
    for j, cell in enumerate(cells):
        i = row.open_cell + j
        if i >= len(row.cells):
            break
        above = row.cells[i]
        if j == 0 and above.text:
            above.text += cell.text
            above.end = cell.end
        elif cell.text or not above.text:
            row.cells[i] = cell
    row.open_cell = min(row.open_cell + len(cells) - 1, len(row.cells) - 1)
    row.short = row.open_cell < len(row.cells) - 1


# a line that goes on with the cell above it: short, no sentence or numbering of its own ("务局" after
# "市财政局、市商"); anything else after a row is prose that ends the table
_CONTINUATION_MAX = 16
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DONE = ("。", ";", "；", "局", "委", "厅", "办", "室", "府", "心", "会", "行", "院", "部", "牵头", "配合", "负责")
_OWN_LINE = re.compile(r"[。:：]|^(?:\d{1,3}[.、]|[(（]\d{1,3}[)）]|附件|抄送)")


def _continues_cell(line: str, row: TableRow) -> bool:
    cell = row.cells[row.open_cell] if 0 <= row.open_cell < len(row.cells) else None
    # a cell that ends with a whole name (…市商务局), a unit's role (…市财政局配合) or a sentence is done: a
    # signature or a date after the table's last row is no part of it
    return (cell is not None and bool(cell.text) and not cell.text.endswith(_DONE) and not DATE_PATTERN.fullmatch(line)
            and len(line) <= _CONTINUATION_MAX and _HAN.search(line) is not None  # (not a page number: "- 3 -")
            and not _OWN_LINE.search(line) and not _SECTION_ROW.match(line))


def _is_section_line(line: str) -> bool:
    """A heading line that names a part of the table ("一、科技创新"), not a sentence."""
    return _SECTION_ROW.match(line) is not None and len(line) <= 20 and "。" not in line


def _check_numbers(table: Table) -> None:
    for row in table.rows:
        if row.printed and row.printed != str(row.ordinal):
            table.warnings.append(
                f"table row {row.ordinal}: printed number {row.printed!r} does not follow the row order; "
                f"numbered {row.ordinal} by position"
            )


# --- tables written one cell per line ---------------------------------------------------------

_ROW_NUMBER_LINE = re.compile(r"^(\d{1,3})[.、]?$")
_MAX_COLUMNS = 8
_HEADER_CELL_MAX = 12


def _row_number(line: str) -> int | None:
    m = _ROW_NUMBER_LINE.match(line.strip())
    return int(m.group(1)) if m else None


def has_number_header_line(text: str) -> bool:
    """``_NUMBER_HEADER_LINE.search(text)``, asked only of the lines that hold 序 or 号 (each of its matches
    does): they are found with str.find at a fraction of the cost of the pattern's scan, which is tried at
    every character of the text."""
    for word in "序号":
        at = text.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if _NUMBER_HEADER_ALONE.fullmatch(text, start, end):
                return True
            at = text.find(word, end)
    return False


def cell_per_line_breaks(text: str) -> list[int]:
    """Line breaks that separate the cells of a table written one cell per line.

    Some converters write a table cell by cell: 序号 / 工作任务 / 牵头单位 / 配合单位 on lines of their
    own, then 1 / the task / the units… The header gives the number of columns; a row starts at
    its number, counting 1, 2, 3…, and holds as many lines as the header has cells. Turning those
    breaks into tabs makes the rows the table parser reads. A row whose line count differs from
    the header is left alone: which of its cells is missing or broken cannot be told.
    """
    if not has_number_header_line(text):
        return []  # no line is a number column's header: no table written cell by cell
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    breaks: list[int] = []
    i = 0
    while i < len(lines):
        if not _NUMBER_HEADER.match(lines[i].strip()):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i < _MAX_COLUMNS and len(lines[j].strip()) <= _HEADER_CELL_MAX \
                and _row_number(lines[j]) is None:
            j += 1
        header = [Cell(lines[x].strip(), 0, 0) for x in range(i, j)]
        if j >= len(lines) or _row_number(lines[j]) != 1 or classify_header(header) is None:
            i += 1
            continue
        k = len(header)
        breaks.extend(starts[x + 1] - 1 for x in range(i, j - 1))
        n, r = 1, j
        while r < len(lines) and _row_number(lines[r]) == n:
            nxt = r + k
            whole = nxt <= len(lines) and (nxt == len(lines) or _row_number(lines[nxt]) == n + 1
                                           or _row_number(lines[nxt]) is None)
            if not whole or any(_row_number(lines[x]) == n + 1 for x in range(r + 1, nxt)):
                break
            breaks.extend(starts[x + 1] - 1 for x in range(r, nxt - 1))
            n, r = n + 1, nxt
        i = r if r > j else j
    return breaks
