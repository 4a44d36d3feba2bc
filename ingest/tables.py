"""Division-of-labour tables: rows that map a task to responsible units.

A table is found by its header row (序号 | 省级方案内容 | 省级牵头单位 | 市级落实单位
…, however OCR spelled 序号), its columns get roles from their headers (a task may take two or three
text columns: 重点任务 | 具体措施 | 预期目标, its name, its measures and its goals), and
its data rows are numbered by their order: printed row numbers are often
misread (7 for 2, S for 5), so a mismatch is reported, not trusted.
Text tables come tab- or pipe-separated, or one cell per line; a cell a
converter wrapped goes on in the next line, and a section heading between the
rows (一、产业发展) does not end the table. A row printed below a vertically
merged cell (序号 and 重点任务 once for two rows, left empty on the second) is
told from such a line by its own whole unit names and deadline (``_own_row``):
it is a second part of the merged row, under its number (a table written one cell per line leaves such a row's
merged cells out: ``cell_per_line_breaks`` writes it as a tab row with them empty). A table whose columns are aligned
with runs of spaces (``space_aligned_tables``) is rewritten by ``normalize`` as
tab-separated rows, one line a row, before its spaces are dropped. The docx and pdf readers write their
tables as tab-separated lines, read here as a text file's are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .clause_words import clause_words
from .numerals import DATE_PATTERN, chinese_to_int

if TYPE_CHECKING:
    from .departments import DepartmentCatalog

_CONTENT_HEADER = clause_words().content_header
_UNIT_HEADER = clause_words().unit_header
_DEADLINE_HEADER = clause_words().deadline_header
_NUMBER_HEADER = re.compile(r"^(序号|编号|序|号)$")
# a line that is ``_NUMBER_HEADER`` once stripped, found in a whole text at once
_NUMBER_HEADER_LINE = re.compile(r"(?m)^[^\S\n]*(?:序号|编号|序|号)[^\S\n]*$")
_NUMBER_HEADER_ALONE = re.compile(r"[^\S\n]*(?:序号|编号|序|号)[^\S\n]*")  # (the same, asked of one line)
_HEADER_LEVEL = clause_words().header_level
LEVELS = ("province", "city", "county")  # upper first
_COOPERATE_HEADER = clause_words().cooperate_header
_ROW_NUMBER = re.compile(r"^(?:[\dSsOoIlZz]{1,3}[.、]?|(?P<cn>[一二三四五六七八九十]{1,3})[、.．]?"
                         r"|[(（](?:\d{1,3}|(?P<cn_in>[一二三四五六七八九十]{1,3}))[)）])$")
_LEAD_HEADER = clause_words().lead_header
_FOOTER_ROW = clause_words().footer_row
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
# a row that only names a part of the table ("一、科技创新"): it separates rows, it is not one
_SECTION_ROW = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


@dataclass
class Cell:
    text: str
    start: int  # offsets into the cleaned document text (-1 when not from text)
    end: int
    # a cell broken across lines: where each of its pieces stands (start … end holds the other cells of its row
    # that stand between them); empty: the cell is one piece
    pieces: list[tuple[int, int]] = field(default_factory=list)

    def go_on(self, rest: Cell) -> None:
        """The cell goes on with ``rest``, a piece of it on a line below."""
        if not self.pieces:
            self.pieces.append((self.start, self.end))
        self.pieces.extend(rest.pieces or [(rest.start, rest.end)])
        self.text += rest.text
        self.end = rest.end

    def spans(self) -> list[tuple[int, int]]:
        return self.pieces or [(self.start, self.end)]

    def last_piece(self) -> str:
        """The text of the cell's piece on its last line (all of it when it is one piece)."""
        if not self.pieces:
            return self.text
        start, end = self.pieces[-1]
        return self.text[len(self.text) - (end - start):]


@dataclass
class Column:
    index: int
    # "number" | "content" (the task: its name, and its measures when no column of its own holds them) | "measures"
    # (具体措施 beside 重点任务) | "goals" (预期目标) | "units" | "deadline" | "other"
    role: str
    level: str | None = None  # for unit columns: whose units (province / city / county)
    cooperate: bool = False  # a 配合单位 column
    header: str = ""
    # a number column told by its place only (its header a misread 序号: 承中, 本): the first row says whether it is
    guessed: bool = False


@dataclass
class TableRow:
    ordinal: int  # the true row number: its position among the data rows
    printed: str  # the number as printed (may be misread)
    cells: list[Cell]
    # the cell the row's last line ended in, and whether that line stopped before the last column: a line
    # break inside a cell (a converter's wrap) continues it on the next line
    open_cell: int = -1
    short: bool = False
    # a row of a space-aligned table or of one written one cell per line: its line holds it all, its cells in
    # column order
    whole: bool = False
    # a row printed below a vertically merged cell (序号 and 重点任务 printed once for two rows, the second row's
    # cells left empty): the same row number, ``part`` 2, 3 … (1: a row of its own), and the columns whose
    # cells it takes from the merged row (``inherited``), which are none of its own text
    part: int = 1
    inherited: list[int] = field(default_factory=list)


@dataclass
class Table:
    columns: list[Column]
    rows: list[TableRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def column(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    def unit_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "units"]

    def cascade_levels(self, doc_level: str | None) -> tuple[str, str, bool] | None:
        """The levels a row maps a task between, upper first, and whether the upper one is only quoted; None
        when the table is no cascade. Two levels among the unit columns' (省级牵头单位 | 市级落实单位) make one;
        so does a task column that quotes the plan of a level above every unit column's (省级方案内容 | 牵头单位 |
        配合单位): the rows carry its tasks out at the document's level (a province's at a city's when the document's is
        not known), no unit of the upper level printed; a unit column without a level is then the lower level's."""
        levels = sorted({c.level for c in self.unit_columns() if c.level}, key=LEVELS.index)
        if len(levels) >= 2:
            return levels[0], levels[1], False
        content = self.column("content")
        quoted = content.level if content is not None else None
        if quoted is None:
            return None
        below = LEVELS[LEVELS.index(quoted) + 1:]
        # (a document of no known level quoting its province: most are a city's; one quoting a city may be the
        # city's own plan, a county's carrying it out: which, the units do not say)
        lower = levels[0] if levels else doc_level if doc_level is not None else "city" if quoted == "province" else None
        return (quoted, lower, True) if lower in below else None


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
        # (each length before its pattern: most rows asked are a body's, whose cells are long)
        size = len(t)
        if size <= 3 and _NUMBER_HEADER.match(t):
            columns.append(Column(i, "number", header=t))
        elif size <= 12 and _UNIT_HEADER.search(t):
            level = _header_level(t)
            columns.append(Column(i, "units", level, bool(_COOPERATE_HEADER.search(t)), t))
            have_units = True
        elif size <= 8 and _DEADLINE_HEADER.search(t) and not clause_words().goal_header.search(_compact_cell(t)):
            # (完成目标 names the goals, 完成时限 the deadline)
            columns.append(Column(i, "deadline", header=t))
        elif size <= 16 and _CONTENT_HEADER.search(t):
            columns.append(Column(i, "content", _header_level(t), header=t))  # (省级方案内容: the plan it quotes)
            have_content = True
        else:
            columns.append(Column(i, "other", header=t))
    if not (have_content and have_units):
        return None
    _text_roles([c for c in columns if c.role == "content"])
    unit_columns = [c for c in columns if c.role == "units"]
    if any(_LEAD_HEADER.search(c.header) for c in unit_columns):
        # 牵头单位 | 责任单位: beside a lead column, the other unit columns cooperate
        same_level = {c.level for c in unit_columns if _LEAD_HEADER.search(c.header)}
        for c in unit_columns:
            if not _LEAD_HEADER.search(c.header) and c.level in same_level:
                c.cooperate = True
    first = columns[0]
    if first.role == "other" and len(texts[0]) <= 3 and not any(c.role == "number" for c in columns):
        # 序号 misread by OCR (承中, 承, 本, 京): a short first header cell before the content
        first.role, first.guessed = "number", True
    return columns


def _header_level(header: str) -> str | None:
    """Whose units a unit column holds, by its header: 省级牵头单位, 省牵头部门, 县(市、区)落实单位, 牵头单位(省级)."""
    m = _HEADER_LEVEL.search(header)
    return clause_words().header_levels[m.group("opens") or m.group("named")] if m else None


def _text_roles(columns: list[Column]) -> None:
    """The roles of a header's text columns: the task's name (``content``), the measures that spell it out
    (``measures``) and its goals (``goals``), told by their headers' words (``data/clauses.toml``, ``[tables]``);
    a text column beside those three is ``other``. One text column alone is the task's (name and measures)."""
    if len(columns) < 2:
        return
    words = clause_words()
    goals = [c for c in columns if words.goal_header.search(_compact_cell(c.header))]
    measures = [c for c in columns if c not in goals and words.measures_header.search(_compact_cell(c.header))]
    named = [c for c in columns if c not in goals and c not in measures]
    task = (named or measures or goals)[0]
    measures = [c for c in measures if c is not task]
    goals = [c for c in goals if c is not task]
    for c in columns:
        c.role = "content" if c is task else "measures" if measures and c is measures[0] \
            else "goals" if goals and c is goals[0] else "other"


def find_tables(text: str, whole_rows: list[int] | None = None, catalog: DepartmentCatalog | None = None) -> list[Table]:
    """The tables of ``text``. ``whole_rows``: where lines start that each hold a whole row (a space-aligned
    table's, its wrapped cells already joined by ``normalize``, or one written one cell per line, its lines
    counted): no line after one goes on with its cells.
    ``catalog``: the department names that tell a unit cell of a row of its own from a name's wrapped rest."""
    whole = set(whole_rows) if whole_rows else None
    names = _Names(catalog)
    tables: list[Table] = []
    current: Table | None = None
    last_row: TableRow | None = None
    header_line = -1  # the line of the last header row read
    pos = 0
    lines = text.split("\n")
    for at, line in enumerate(lines):
        offset = pos
        pos += len(line) + 1
        cells = _split_row(line, offset)
        if cells is None:
            stripped = line.strip()
            if current is None or not stripped:
                continue
            if last_row is not None and _continues_cell(stripped, last_row, current, names, lines, at + 1):
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
            if current is not None and not current.rows and header_line == at - 1:
                current.columns = header  # a header on two rows: the lower one names each column (牵头单位)
            elif current is None or [c.role for c in current.columns] != [c.role for c in header]:
                current = Table(header)
                tables.append(current)
            last_row = None
            header_line = at
            continue
        if current is None:
            continue
        if header_line == at - 1 and not current.rows:
            lower = _header_second_row(current.columns, cells)
            if lower is not None:
                current.columns = lower
                continue
        first = next((c.text for c in cells if c.text), "")
        if _FOOTER_ROW.fullmatch(first):
            last_row = None  # 合计 | 12项, 注:…: no task, and no rest of the row above
            continue
        last_row = _add_row(current, cells, last_row, names)
        if whole is not None and offset in whole and last_row is not None:
            last_row.open_cell, last_row.short, last_row.whole = -1, False, True
    for table in tables:
        _check_numbers(table)
    return [t for t in tables if t.rows]


def _header_second_row(columns: list[Column], cells: list[Cell]) -> list[Column] | None:
    """The header's columns with a second header row under it, None when ``cells`` are no such row. A header cell
    merged across two columns (责任单位 over 牵头单位 | 配合单位) is printed in its first column, the other left
    empty, and the cells it spans name each column in the row below, those of the columns it does not span left
    empty: each column takes the lower cell's words, which name it alone (牵头单位) or with the merged cell above
    (省级 under 责任单位: 省级责任单位)."""
    if len(cells) > _MAX_COLUMNS or not any(c.text for c in cells) or any(
            len(c.text) > _HEADER_CELL_MAX or _ROW_NUMBER.match(c.text) for c in cells if c.text):
        return None
    # (a header row's empty cells after its last were lost with the line's trailing tabs)
    columns = columns + [Column(i, "other") for i in range(len(columns), len(cells))]
    texts, above = [c.header for c in columns], ""
    for i, col in enumerate(columns):
        above = col.header or above  # (the merged cell's text, for the empty columns it spans)
        own = cells[i].text if i < len(cells) else ""
        if not own or own == col.header:
            continue  # (a cell merged down over both rows: a Word or web page's table repeats it in each)
        if col.role not in ("units", "other") or not above:
            return None  # a text, number or deadline column is named once
        named = _UNIT_HEADER.search(own) or _DEADLINE_HEADER.search(own) or _CONTENT_HEADER.search(own)
        texts[i] = own if named else own + above
    return classify_header([Cell(t, 0, 0) for t in texts])


def _is_page_noise(line: str) -> bool:
    return len(line.strip()) <= 2


def _add_row(table: Table, cells: list[Cell], last_row: TableRow | None, names: _Names) -> TableRow | None:
    number_col = table.column("number")
    filled = [c for c in cells if c.text]
    if filled and all(_SEPARATOR_CELL.match(c.text) for c in filled):
        return last_row  # the |---|---| line of a markdown table
    if len(filled) == 1 and _SECTION_ROW.match(filled[0].text):
        return None  # a section heading inside the table: the next row starts afresh
    if not filled or (len(filled) == 1 and len(filled[0].text) <= 2 and not _ROW_NUMBER.match(filled[0].text)):
        return last_row  # an empty or junk line ("-") between header and rows
    if number_col is not None and number_col.guessed and not table.rows and number_col.index < len(cells) \
            and len(filled) >= 2 and not _ROW_NUMBER.match(cells[number_col.index].text):
        # the first row prints no number under a short header taken for a misread 序号: the column is one of
        # its own (领域 | 重点任务 …: 政务服务), and each row starts a row
        number_col.role, number_col = "other", None
    printed = cells[number_col.index].text if number_col and number_col.index < len(cells) else ""
    number = _ROW_NUMBER.match(printed) if printed else None
    if number is not None and (number.group("cn") or number.group("cn_in")) and not any(
            c.index < len(cells) and cells[c.index].text for c in table.unit_columns()):
        return None  # 一 | 产业发展 and no unit: a section heading in the table's cells, the next row starts afresh
    starts_row = bool(printed) and (number is not None or number_col is None)
    if number_col is None:
        starts_row = True
    if not starts_row and last_row is not None:
        if not last_row.short and _own_row(table.columns, cells, last_row.cells, names):
            return _part_row(table, cells, last_row)
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
                above.go_on(cell)
            else:
                last_row.cells[i] = cell
        return last_row
    if last_row is not None and _repeats_merged(table, cells, last_row):
        return _part_row(table, cells, last_row)
    printed_cells = len(cells)
    while len(cells) < len(table.columns):
        cells.append(Cell("", -1, -1))
    ordinal = table.rows[-1].ordinal + 1 if table.rows else 1  # (the parts of a merged row share its number)
    row = TableRow(ordinal, printed, cells, printed_cells - 1, printed_cells < len(table.columns))
    table.rows.append(row)
    return row


def _part_row(table: Table, cells: list[Cell], above: TableRow) -> TableRow:
    """A row printed below a vertically merged cell: the merged row's number, its next part. It takes from the
    row above the cells the merge spans: the number and the task columns, and every cell before its first own
    one, and a lead column left empty (a row has a lead; an empty one there is the merged cell)."""
    while len(cells) < len(table.columns):
        cells.append(Cell("", -1, -1))
    merged = ("number", "content")
    first = next(i for i, c in enumerate(cells) if c.text and not (table.columns[i].role in merged and i < len(
        above.cells) and c.text == above.cells[i].text))
    inherited: list[int] = []
    for col in table.columns:
        i = col.index
        if i >= len(above.cells) or not above.cells[i].text:
            continue
        if cells[i].text and not (col.role in merged and cells[i].text == above.cells[i].text):
            continue  # (a merged cell a reader repeated in each row it spans is the merged row's)
        lead = col.role == "units" and not col.cooperate
        if i < first or col.role in merged or lead:
            cells[i] = above.cells[i]
            inherited.append(i)
    # (a part of a whole row is whole too: no line after it goes on with its last cell)
    open_cell = -1 if above.whole else len(cells) - 1
    row = TableRow(above.ordinal, above.printed, cells, open_cell, False, above.whole, above.part + 1, inherited)
    table.rows.append(row)
    return row


def _repeats_merged(table: Table, cells: list[Cell], above: TableRow) -> bool:
    """Does a row print the number and the task of the row above again? The docx reader writes a vertically
    merged cell's text in every row it spans: that row is a part of the merged row, not the next one."""
    number, content = table.column("number"), table.column("content")
    if number is None or content is None or max(number.index, content.index) >= min(len(cells), len(above.cells)):
        return False
    return bool(cells[number.index].text) and cells[number.index].text == above.cells[number.index].text \
        and bool(cells[content.index].text) and cells[content.index].text == above.cells[content.index].text


def _continue_row(row: TableRow, cells: list[Cell]) -> None:
    """The next line of ``row``: its first piece goes on with the cell the row's last line ended in, the others
    fill the columns after it."""
    for j, cell in enumerate(cells):
        i = row.open_cell + j
        if i >= len(row.cells):
            break
        above = row.cells[i]
        if j == 0 and above.text:
            above.go_on(cell)
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


def _rows_follow(lines: list[str], at: int) -> bool:
    """Is the next line with text from ``at`` on a tab or pipe row (a line in the table's midst, not after it)?"""
    for i in range(at, len(lines)):
        if lines[i].strip():
            return _split_row(lines[i], 0) is not None
    return False


def _continues_cell(line: str, row: TableRow, table: Table, names: _Names, lines: list[str], at: int) -> bool:
    """Does ``line``, with no tab, go on with the cell ``row``'s last line ended in? ``lines``: the text's lines,
    ``line`` the one before ``at``."""
    columns = table.columns
    cell = row.cells[row.open_cell] if 0 <= row.open_cell < len(row.cells) else None
    role = columns[row.open_cell].role if 0 <= row.open_cell < len(columns) else "other"
    # after the table's last line, a text cell that fills its row's last column goes on only when it was cut
    # mid-sentence (``_cut_text``), with the rest of its sentence, its full stop at the end: one as whole as its
    # column's others is done, the line below a closing line, a signature or a heading without a number (before:
    # 开展汽车促销活动请各单位认真抓好落实)
    last_text = cell is not None and role in _TEXT_ROLES and not row.short and not _rows_follow(lines, at)
    cut = last_text and cell is not None and _cut_text(table, row, cell, line)
    own_line = _OWN_LINE.search(line[:-1] if cut and line.endswith("。") else line)
    # a cell that ends with a whole name (…市商务局), a unit's role (…市财政局配合) or a sentence is done: a
    # signature or a date after the table's last row is no part of it
    if not (cell is not None and bool(cell.text) and not cell.text.endswith(_DONE)
            and not DATE_PATTERN.fullmatch(line) and len(line) <= _CONTINUATION_MAX
            and _HAN.search(line) is not None  # (not a page number: "- 3 -")
            and not own_line and not _SECTION_ROW.match(line)):
        return False
    if last_text:
        return cut
    return not _finished(role, cell, line, names)


_TEXT_ROLES = ("content", "measures", "goals", "other")
_CLOSES = ("。", "；", ";", "！", "!", "？", "?")


def _cut_text(table: Table, row: TableRow, cell: Cell, line: str) -> bool:
    """Was a text cell cut before its sentence ended, ``line`` below it its rest? It was when it ends with a mark
    that goes on (、，和), or without the mark that closes the column's cells: most of the column's other cells
    end with one (。；), or, the table's one row, the cell closes its own sentences before its last. A cell whose
    column's others end with none is whole as they are, and so is one whose last line, a wrapped rest, is
    shorter than ``line``."""
    own = _compact_cell(cell.text)
    if not own or own.endswith(_CLOSES):
        return False
    if cell.pieces and len(_compact_cell(cell.last_piece())) < len(_compact_cell(line)):
        return False  # its rest ended on a line shorter than the one below: a wrap fills each line but its last
    if own.endswith(_GOES_ON):
        return True
    i = row.open_cell
    others = [c for r in table.rows if r is not row and i < len(r.cells) and (c := _compact_cell(r.cells[i].text))]
    if others:
        return 2 * sum(1 for c in others if c.endswith(_CLOSES)) > len(others)
    return any(mark in own for mark in _CLOSES)


def _finished(role: str, cell: Cell, line: str, names: _Names) -> bool:
    """Is a deadline or unit cell whole already, ``line`` below it no rest of it? A deadline cell that holds a
    whole deadline (or whose last line does: 2023年6月底前 | 2024年底前) goes on only with the rest of its words
    (2023年 | 12月底, 2023年12月 | 底前, 持续 | 推进) or with a deadline of its own (每年 | 12月底前); a unit cell
    whose last name is whole (各县区, 市科协, 各县（市、区）: names ``_DONE``'s letters do not end) goes on with
    none. Else a signature, a closing line or a heading without a number after the table's last row would be read
    as its cell's end (2023年底某市人民政府办公室)."""
    own, rest = _compact_cell(cell.text), _compact_cell(line)
    if role == "deadline":
        whole, bare = clause_words().whole_deadline, clause_words().bare_deadline
        last = _compact_cell(cell.last_piece())
        if not (whole.fullmatch(own) or whole.fullmatch(last)):
            return False
        return not (whole.fullmatch(rest) or bare.fullmatch(own + rest) or bare.fullmatch(last + rest))
    if role == "units":
        return not own.endswith(_GOES_ON) and names.whole(_last_unit(own))
    return False


def _last_unit(text: str) -> str:
    """A unit cell's last name: what follows its last separator outside brackets (各县（市、区） is one name)."""
    text = clause_words().structure.sub("、", text)
    start = depth = 0
    for i, char in enumerate(text):
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0 and _UNIT_SEPARATOR.match(char):
            start = i + 1
    return text[start:]


# a row of its own below a merged cell, or the rest of the row above wrapped onto the next line? Each cell of the
# line is read against the cell above it: a unit column's above ends with a whole name and its own starts with one
# (市公安局 | 市商务局, where a wrapped name goes on 市商 | 务局), a deadline column's are both whole deadlines
# (2023年12月底 | 2023年6月: a wrapped one goes on 2023年12月 | 底前); a text cell that goes on with a list or a
# sentence (a comma at the end of the one above, at the head of its own) is wrapped. The line is a row of its own
# when one of its unit or deadline cells says so against a cell above it and none of its cells is a wrapped one's
# rest; else it goes on with the row above, as before.
_GOES_ON = ("、", "，", ",", "；", ";", "：", ":", "(", "（", "“", "\"", "《", "和", "及", "与")
_GOES_ON_HEAD = ("、", "，", ",", "；", ";", "：", ":", ")", "）", "”", "\"", "》", "。")
_UNIT_SEPARATOR = re.compile(r"[、，,；;\s]+")


class _Names:
    """Whole unit names, as the department catalog the text is read with knows them (the bundled one when none is
    given, read when a table first asks): a name only a user's alias file knows is whole here as in the clauses."""

    def __init__(self, catalog: DepartmentCatalog | None) -> None:
        self._catalog = catalog

    def catalog(self) -> DepartmentCatalog:
        if self._catalog is None:
            from .departments import default_catalog  # (departments reads normalize, which reads this module)
            self._catalog = default_catalog()
        return self._catalog

    def whole(self, piece: str) -> bool:
        """Is ``piece`` a unit's whole name (市工业和信息化局, 各县区政府), not the rest of one (务局, 员会)?"""
        catalog = self.catalog()
        if not catalog.looks_like_unit(piece):
            return False
        return catalog.resolve(piece).known or catalog.prefix_of(piece) is not None


def _units_of_cell(text: str) -> list[str]:
    """A unit cell's names, the role words (牵头, 配合) and separators between them dropped."""
    return [p for p in _UNIT_SEPARATOR.split(clause_words().structure.sub("、", text)) if p]


def _own_row(columns: list[Column], cells: list[Cell], above: list[Cell], names: _Names) -> bool:
    says_so = False
    for col in columns:
        i = col.index
        if i >= len(cells) or not cells[i].text:
            continue
        own = _compact_cell(cells[i].text)
        if own.startswith(_GOES_ON_HEAD):
            return False
        upper = _compact_cell(above[i].text) if i < len(above) else ""
        if col.role == "units":
            units = _units_of_cell(own)
            if not units or not names.whole(units[0]):
                return False
            if upper:
                ends = _units_of_cell(upper)
                if upper.endswith(_GOES_ON) or not ends or not names.whole(ends[-1]):
                    return False
            says_so = says_so or bool(upper)
        elif col.role == "deadline":
            whole = clause_words().whole_deadline
            if not whole.fullmatch(own) or (upper and not whole.fullmatch(upper)):
                return False
            says_so = says_so or bool(upper)
        elif upper.endswith(_GOES_ON):
            return False
    return says_so


def _is_section_line(line: str) -> bool:
    """A heading line that names a part of the table ("一、科技创新"), not a sentence."""
    return _SECTION_ROW.match(line) is not None and len(line) <= 20 and "。" not in line


def _printed_number(printed: str) -> int | None:
    """The number a row's number cell prints (1, 1., 一, (一), (1)); None when it is no number (7 misread S)."""
    m = _ROW_NUMBER.match(printed)
    if m is None:
        return None
    numeral = m.group("cn") or m.group("cn_in")
    if numeral:
        return chinese_to_int(numeral)
    digits = printed.strip("(（)）.、")
    return int(digits) if digits.isdigit() else None


def _check_numbers(table: Table) -> None:
    for row in table.rows:
        # (a row numbered 一, (1) or 1. follows the order as 1 does; a row's later parts repeat its number)
        if row.printed and row.part == 1 and _printed_number(row.printed) != row.ordinal:
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


def cell_per_line_breaks(text: str, catalog: DepartmentCatalog | None = None
                         ) -> tuple[list[int], list[int], list[int]]:
    """Line breaks that separate the cells of a table written one cell per line, where tabs go in front of
    a row printed below a vertically merged cell, and where the numbered rows start. ``catalog``: the department
    names that tell a row's cells (the bundled ones when None).

    Some converters write a table cell by cell: 序号 / 工作任务 / 牵头单位 / 配合单位 on lines of their
    own, then 1 / the task / the units… The header gives the number of columns; a row starts at
    its number, counting 1, 2, 3…, and holds as many lines as the header has cells. Turning those
    breaks into tabs makes the rows the table parser reads. A merged cell (序号, or 序号 and 重点任务, once
    for several rows) is written once: the rows below it follow the row's lines without it, each as many
    lines as the columns it does not span (``_merged_parts``); each is written as a tab row whose merged
    cells are empty, one tab for each at the start of its line (the second list: a position once for each
    tab), which the tab reader takes as a part of the merged row. A row whose lines make neither is left
    alone, and the table read up to it: which of its cells is missing or broken cannot be told; but a last row
    the text ends a line short of (an empty cell the converter wrote as nothing) is written with a tab for
    that cell where its other cells tell which one it is (``_short_last_row``). Each row so counted is whole
    (the third list): no line after it goes on with its last cell.
    """
    if not has_number_header_line(text):
        return [], [], []  # no line is a number column's header: no table written cell by cell
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    text_end = len(lines)  # (the line after the text's last line break is no cell)
    while text_end and not lines[text_end - 1].strip():
        text_end -= 1
    breaks: list[int] = []
    pads: list[int] = []
    rows: list[int] = []
    names = _Names(catalog)  # (it reads the catalog only when a row asks)
    i = 0
    while i < len(lines):
        if not _NUMBER_HEADER.match(lines[i].strip()):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i < _MAX_COLUMNS and len(lines[j].strip()) <= _HEADER_CELL_MAX \
                and _row_number(lines[j]) is None and not _SECTION_ROW.match(lines[j].strip()):
            j += 1
        first = j + 1 if _heading_before(lines, j, 1) else j
        header = [Cell(lines[x].strip(), 0, 0) for x in range(i, j)]
        columns = classify_header(header) if first < len(lines) and _row_number(lines[first]) == 1 else None
        if columns is None:
            i += 1
            continue
        k = len(header)
        breaks.extend(starts[x + 1] - 1 for x in range(i, j - 1))
        n, r = 1, first
        texts = [c.text for c in header]
        while r < len(lines):
            if _heading_before(lines, r, n):
                r += 1  # (the heading stays a line of text, which the tab reader passes over)
            if r + k < len(lines) and _row_number(lines[r + k]) == n and [x.strip() for x in lines[r:r + k]] == texts:
                # the header again at the top of the next page: a tab row, as the first, which the tab reader knows
                breaks.extend(starts[x + 1] - 1 for x in range(r, r + k - 1))
                r += k
            if _row_number(lines[r]) != n:
                break
            nxt = r + k
            whole = nxt <= text_end and (nxt == text_end or _row_number(lines[nxt]) == n + 1
                                         or _row_number(lines[nxt]) is None)
            if not whole or any(_row_number(lines[x]) == n + 1 for x in range(r + 1, nxt)):
                if nxt == text_end + 1:  # the text ends a line short of a whole row: the last row lost a cell
                    short = _short_last_row(lines, starts, r, text_end, columns, names)
                    if short is not None:
                        breaks.extend(short[0])
                        pads.append(short[1])
                        rows.append(starts[r])
                elif nxt - 1 < len(lines) and _row_number(lines[nxt - 1]) == n + 1:
                    # the next row starts a line early: this one lost an empty cell, as a last row may
                    short = _short_last_row(lines, starts, r, nxt - 1, columns, names)
                    if short is not None:
                        breaks.extend(short[0])
                        pads.append(short[1])
                        rows.append(starts[r])
                        n, r = n + 1, nxt - 1
                        continue
                break
            breaks.extend(starts[x + 1] - 1 for x in range(r, nxt - 1))
            rows.append(starts[r])
            if nxt < len(lines) and _row_number(lines[nxt]) is None:
                above = [Cell(lines[x].strip(), 0, 0) for x in range(r, nxt)]
                merged, end = _merged_parts(lines, nxt, n, columns, above, names)
                if merged:
                    for s in range(nxt, end, k - merged):
                        pads.extend([starts[s]] * merged)
                        breaks.extend(starts[x + 1] - 1 for x in range(s, s + k - merged - 1))
                    nxt = end
            n, r = n + 1, nxt
        i = r if r > j else j
    return breaks, pads, rows


def _heading_before(lines: list[str], at: int, n: int) -> bool:
    """Is line ``at`` a heading of a part of the table (一、产业发展) right before row ``n``'s number?"""
    return at + 1 < len(lines) and _is_section_line(lines[at].strip()) and _row_number(lines[at + 1]) == n


def _short_last_row(lines: list[str], starts: list[int], r: int, end: int, columns: list[Column],
                    names: _Names) -> tuple[list[int], int] | None:
    """A table's last row when the text ends a line short of a whole row (its lines ``r`` to ``end``): the breaks
    between its cells and where the tab goes for the empty cell the converter wrote as nothing (``_lost_cell``);
    None when which cell it lost cannot be told."""
    texts = [line.strip() for line in lines[r:end]]
    if any(_row_number(t) is not None for t in texts[1:]):
        return None
    gap = _lost_cell(texts, columns, names)
    if gap is None:
        return None
    tab = starts[r + gap] if r + gap < end else starts[end - 1] + len(lines[end - 1])
    return [starts[x + 1] - 1 for x in range(r, end - 1)], tab


def _lost_cell(texts: list[str], columns: list[Column], names: _Names) -> int | None:
    """The column whose cell a row one line short of the columns lost: the one column that may be empty (not the
    number, the task or a lead unit column: a row has them) where an empty cell leaves each of the others in a
    column it fits (``_fits``); None when no column or more than one does."""
    gaps = [col.index for col in columns if col.role not in ("number", "content")
            and not (col.role == "units" and not col.cooperate)
            and _fits(columns, texts[:col.index] + [""] + texts[col.index:], names)]
    return gaps[0] if len(gaps) == 1 else None


def _fits(columns: list[Column], texts: list[str], names: _Names) -> bool:
    """Does each cell fit its column: a unit column's open with a unit's whole name, a deadline column's hold a
    whole deadline? (A text column takes any text.)"""
    for col, text in zip(columns, texts):
        own = _compact_cell(text)
        if not own:
            continue
        if col.role == "units":
            units = _units_of_cell(own)
            if not units or not names.whole(units[0]):
                return False
        elif col.role == "deadline" and not clause_words().whole_deadline.fullmatch(own):
            return False
    return True


_MERGED_SPANS = (1, 2)  # a merged cell spans the number column, or the number and the task columns


def _merged_parts(lines: list[str], at: int, n: int, columns: list[Column], above: list[Cell],
                  names: _Names) -> tuple[int, int]:
    """The rows printed below row ``n``'s merged cells, from line ``at`` on: how many leading columns the merge
    spans and the line after the last of them; (0, at) when there are none, or when they can be read in more
    than one way. Each row is as many lines as the columns it does not span, none of them a row number, and a
    row of its own against the one above it, as the tab reader tells it (``_own_row``: whole unit names, a whole
    deadline, no wrapped cell's rest). They run up to row ``n + 1``'s number, or end the table: no row ``n + 1``
    follows within a row's lines."""
    k = len(columns)
    found: list[tuple[int, int]] = []
    for merged in _MERGED_SPANS:
        if merged >= k - 1 or columns[0].role != "number" or any(
                columns[x].role != "content" for x in range(1, merged)):
            continue
        size = k - merged
        upper, s = above, at
        while s + size <= len(lines) and all(_row_number(lines[x]) is None for x in range(s, s + size)):
            cells = [Cell("", 0, 0)] * merged + [Cell(lines[x].strip(), 0, 0) for x in range(s, s + size)]
            if not _own_row(columns, cells, upper, names):
                break
            upper = [c if c.text else u for c, u in zip(cells, upper)]
            s += size
        if s == at:
            continue
        if s < len(lines) and _row_number(lines[s]) != n + 1 and any(
                _row_number(lines[x]) == n + 1 for x in range(s, min(s + k, len(lines)))):
            continue  # the lines before the next row are not whole rows
        found.append((merged, s))
    return found[0] if len(found) == 1 else (0, at)


# --- tables whose columns are aligned with spaces ----------------------------------------------

# A table converted from PDF with ``pdftotext -fixed N``, or typed with spaces, has no tab between its cells:
# runs of two or more spaces (or an ideographic space) separate them, and each cell stands in its header cell's
# column, in characters or in display columns (a CJK character two). Such a block is found by its header (the
# words ``classify_header`` knows, on one line), and its lines are rewritten (``normalize``) as the
# tab-separated rows ``find_tables`` reads: a line's pieces placed in the columns they stand in, and a cell
# wrapped onto the next lines (its continuation indented to its column) joined to it. (``pdftotext -layout``
# puts a single space between a CJK cell that fills its column and the next: a row so run together is no row.)

# a cell: text in which single spaces may stand (到 2025 年), up to two spaces or an ideographic space
_SEGMENT = re.compile(r"[^ \u3000\xa0\t\n]+(?:[ \xa0][^ \u3000\xa0\t\n]+)*")
_SENTENCE_MARK = re.compile(r"[,，。;；:：!！?？]")
_HEADER_LINE_MAX = 240  # the longest header line looked at (eight columns, far apart)
_ALIGN_TOLERANCE = 2  # how far (in characters or display columns) a cell may stand from its column
_PAGE_LINE = re.compile(r"^[-—–―\s]*\d{1,4}[-—–―\s]*$|^第\s*\d{1,4}\s*页")
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
                   r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


@dataclass
class _Segment:
    start: int  # where its text stands in the whole text
    end: int
    chars: int  # where it starts in its line: in characters (pdftotext's columns)
    width: int  # and in display columns (a CJK character two: a table typed in a monospaced font)
    long: tuple[int, int]  # how long it is, in the same two measures

    def at(self, measure: int) -> int:
        return self.chars if measure == 0 else self.width


@dataclass
class AlignedTable:
    """A space-aligned table as the tab reader reads it. ``lines``: each line's cells, each cell the pieces of
    the text (start, end) it is made of, in order; a line the table passes over (a section heading, a page
    number, a blank line) is one cell of its whole self. ``spans``: where each line's text stands, from the start
    of its first line to the end of its last (a row and the lines it was wrapped onto)."""
    start: int
    end: int
    lines: list[list[list[tuple[int, int]]]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def _segments(text: str, start: int, end: int) -> list[_Segment]:
    out: list[_Segment] = []
    for m in _SEGMENT.finditer(text, start, end):
        before, own = text[start:m.start()], m.group()
        out.append(_Segment(m.start(), m.end(), len(before), len(before) + len(_WIDE.findall(before)),
                            (len(own), len(own) + len(_WIDE.findall(own)))))
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _compact_cell(text: str) -> str:
    return "".join(text.split())


def _header_lines(text: str) -> list[int]:
    """The starts of the lines that name a unit column (单位, 部门: every header ``classify_header`` takes does)."""
    starts: set[int] = set()
    for word in clause_words().unit_header_words:
        at = text.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            starts.add(start)
            at = text.find(word, _line_end(text, at))
    return sorted(starts)


def _has_aligned_gap(text: str) -> bool:
    """Cheap: does the text hold two spaces in a row or an ideographic space anywhere?"""
    return "  " in text or "\u3000" in text or "\xa0" in text


def space_aligned_tables(text: str, catalog: DepartmentCatalog | None = None) -> list[AlignedTable]:
    """The tables of ``text`` whose cells are separated by runs of spaces (see above). ``catalog``: the department
    names that tell a row below a merged cell from a wrapped line (``find_tables``)."""
    if not _has_aligned_gap(text) or not any(word in text for word in clause_words().unit_header_words):
        return []
    tables: list[AlignedTable] = []
    names = _Names(catalog)
    done = 0
    for start in _header_lines(text):
        if start < done:
            continue
        end = _line_end(text, start)
        line = text[start:end]
        if len(line) > _HEADER_LINE_MAX or "\t" in line or not _has_aligned_gap(line) or _SENTENCE_MARK.search(line):
            continue  # a paragraph, a tab-separated header (the tab reader's), a line of prose with two spaces in it
        texts = [_compact_cell(t) for t in _SEGMENT.findall(line)]
        if len(texts) < 2 or any(len(t) > _HEADER_CELL_MAX + 4 for t in texts):
            continue  # a header's cells are short labels
        columns = classify_header([Cell(t, 0, 0) for t in texts])
        if columns is None:
            continue
        segs = _segments(text, start, end)
        table = _read_aligned(text, start, end, segs, columns, names)
        if table is not None:
            tables.append(table)
            done = table.end
    return tables


class _Layout:
    """Where a table's columns stand, in both measures: a column begins after the header cell before it ends (a
    header cell may be centred over its column), and its cells start where those of its whole rows did."""

    def __init__(self, header: list[_Segment]) -> None:
        self.header = header
        self.seen: list[list[_Segment]] = [[s] for s in header]  # the header cell, then each whole row's cell

    def note(self, segs: list[_Segment]) -> None:
        for s, seen in zip(segs, self.seen):
            seen.append(s)

    def column(self, at: int, measure: int) -> int:
        """The column a piece starting at ``at`` stands in: the last one the header cell before which ends at
        or before it."""
        col = 0
        while col + 1 < len(self.header) and _end(self.header[col], measure) <= at:
            col += 1
        return col

    def in_order(self, segs: list[_Segment]) -> bool:
        """Does each of a whole row's cells stand in its own column, in one of the measures? (A table typed by
        hand lines its cells up only roughly; a line of prose does not even so.)"""
        return any([self.column(s.at(m), m) for s in segs] == list(range(len(segs)))
                   and not self._runs_over(segs, list(range(len(segs))), m) for m in (0, 1))

    def _runs_over(self, segs: list[_Segment], cols: list[int], m: int) -> bool:
        """Does a piece run into the column after its own (prose, or two cells a converter ran together)?"""
        for s, col in zip(segs, cols):
            if col + 1 < len(self.seen) and _end(s, m) > min(c.at(m) for c in self.seen[col + 1]) + _ALIGN_TOLERANCE:
                return True
        return False

    def place(self, segs: list[_Segment]) -> list[int] | None:
        """Each piece's column, in the first measure in which each stands in one, the first piece of each starts
        where a cell of that column did (a line a cell was wrapped onto is indented to its column, a row with an
        empty cell has its others where they stand) and none runs into the next column."""
        for m in (0, 1):
            cols = [self.column(s.at(m), m) for s in segs]
            if any(b < a for a, b in zip(cols, cols[1:])):
                continue
            fits = not self._runs_over(segs, cols, m)
            for i, (s, col) in enumerate(zip(segs, cols)):
                if i == 0 or cols[i - 1] != col:
                    fits = fits and min(abs(s.at(m) - c.at(m)) for c in self.seen[col]) <= _ALIGN_TOLERANCE
            if fits:
                return cols
        return None


def _end(s: _Segment, measure: int) -> int:
    return s.at(measure) + s.long[measure]


def _read_aligned(text: str, start: int, end: int, header: list[_Segment],
                  columns: list[Column], names: _Names) -> AlignedTable | None:
    ncol = len(columns)
    numbered = columns[0].role == "number"
    layout = _Layout(header)
    table = AlignedTable(start, end, [[[(s.start, s.end)] for s in header]], [(start, end)])
    row = -1  # the index in ``table.lines`` of the row being read
    passed: list[tuple[int, int]] = []  # lines passed over since the last line of the table (kept as they are)
    rows = 0
    pos = end + 1
    while pos <= len(text):
        a, b = pos, _line_end(text, pos)
        pos = b + 1
        line = text[a:b]
        stripped = line.strip(" \u3000\xa0")
        if not stripped:
            passed.append((a, b))
            continue
        if "\t" in line:
            break
        segs = _segments(text, a, b)
        cells = _row_cells(text, segs, layout, numbered, ncol)
        if cells is not None:
            table.lines.extend([[[p]] for p in passed])
            table.spans.extend(passed)
            passed = []
            row = len(table.lines)
            table.lines.append(cells)
            table.spans.append((a, b))
            rows += 1
            continue
        if row >= 0 and not passed:
            pieces = _continuation(text, segs, layout, numbered)
            if pieces is not None and _own_aligned_row(text, table.lines[row], pieces, columns, names):
                # a row printed below a merged cell: a line of its own, its cells in their columns (the tab reader
                # gives it the merged row's number)
                own: list[list[tuple[int, int]]] = [[] for _ in range(pieces[-1][0] + 1)]
                for col, piece in pieces:
                    own[col].append(piece)
                row = len(table.lines)
                table.lines.append(own)
                table.spans.append((a, b))
                rows += 1
                continue
            if pieces is not None:
                for col, piece in pieces:
                    cells_of_row = table.lines[row]
                    while len(cells_of_row) <= col:
                        cells_of_row.append([])
                    cells_of_row[col].append(piece)
                table.spans[row] = (table.spans[row][0], b)
                continue
        compact_line = _compact_cell(stripped)
        if _PAGE_LINE.match(stripped) or _is_section_line(compact_line):
            passed.append((a, b))
            row = -1 if _is_section_line(compact_line) else row
            continue
        break  # prose (or the line after the header is no row: then the header was no table's)
    if rows == 0:
        return None
    table.end = table.spans[-1][1]
    return table


def _own_aligned_row(text: str, above: list[list[tuple[int, int]]], pieces: list[tuple[int, tuple[int, int]]],
                     columns: list[Column], names: _Names) -> bool:
    """Is a line that stands in the columns of the row above a row of its own below a merged cell (``_own_row``)?"""
    def cell(parts: list[tuple[int, int]]) -> Cell:
        return Cell("".join(text[x:y] for x, y in parts), -1, -1)

    cells = [Cell("", -1, -1) for _ in columns]
    for col, (x, y) in pieces:
        if col < len(cells):
            cells[col] = Cell(cells[col].text + text[x:y], -1, -1)
    return _own_row(columns, cells, [cell(parts) for parts in above], names)


def _row_cells(text: str, segs: list[_Segment], layout: _Layout, numbered: bool,
               ncol: int) -> list[list[tuple[int, int]]] | None:
    """The cells of a line that starts a row, each in its column; None when the line starts none."""
    if len(segs) < 2:
        return None
    if numbered and not _ROW_NUMBER.match(_compact_cell(text[segs[0].start:segs[0].end])):
        return None
    if len(segs) == ncol and layout.in_order(segs):
        layout.note(segs)
        return [[(s.start, s.end)] for s in segs]
    cols = layout.place(segs)
    if cols is None or cols[0] != 0:
        return None
    cells: list[list[tuple[int, int]]] = [[] for _ in range(cols[-1] + 1)]
    for s, col in zip(segs, cols):
        cells[col].append((s.start, s.end))
    return cells


def _continuation(text: str, segs: list[_Segment], layout: _Layout,
                  numbered: bool) -> list[tuple[int, tuple[int, int]]] | None:
    """The pieces of a line that goes on with the cells of the row above, each with its column, when the line
    is one: each piece starts where its column's cells do (a number's column holds none), none is a date."""
    cols = layout.place(segs)
    if cols is None or (numbered and cols[0] == 0):
        return None
    if any(DATE_PATTERN.fullmatch(_compact_cell(text[s.start:s.end])) for s in segs):
        return None
    return [(col, (s.start, s.end)) for s, col in zip(segs, cols)]
