"""Extracted documents to a ``PolicyGraph``.

Ids are stable: a document is keyed by its number (else its title), a task
by its document and provision number, a department by its region and
canonical name, so re-ingesting gives the same ids. A document that is
referred to but not ingested becomes a stub Document; when the real one is
in the same build it is used instead, matched by number or by title.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from policykg.ingest.departments import LEVEL_PREFIXES
from policykg.ingest.normalize import compact
from policykg.ingest.records import ExtractedDocument, Span, UnitRef
from policykg.ingest.references import core_title
from policykg.ingest.regions import Region, region_index

from .ids import document_id, document_key, region_id, task_id, title_key, titles_of
from .model import PolicyGraph
from .numbering import Numbering

_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}〔\d{4}〕\d{1,4}号$")
EDGE_OF_ROLE = {"lead": "LEADS", "cooperate": "COOPERATES_ON", "implement": "LEADS"}


KnownDocument = tuple[str, str | None, str | None]  # (key, number, title) of a real document
# a reference as the build looked it up: the number or title as written, and the other forms it is cited in
Lookup = tuple[str, tuple[str, ...]]


class _Documents:
    """The real documents a reference may name, by number and by each of their ``titles_of``."""

    def __init__(self, documents: Iterable[KnownDocument]):
        self.by_number: dict[str, str] = {}
        self.by_title: dict[str, str] = {}
        for key, number, title in documents:
            if number:
                self.by_number[number] = key
            for t in titles_of(title):
                self.by_title[t] = key

    def find(self, plain: str, forms: Iterable[str]) -> str | None:
        """The key of the document a reference names, or None (it becomes a stub)."""
        key = self.by_number.get(plain) or self.by_title.get(plain)
        for form in forms:
            if key is None:
                key = next((self.by_title[t] for t in titles_of(form.strip("《》")) if t in self.by_title), None)
        return key


class _Builder:
    def __init__(self, graph: PolicyGraph, docs: list[ExtractedDocument],
                 known_documents: Iterable[KnownDocument] = ()):
        self.g = graph
        self.regions = region_index()
        self.docs = docs
        # every real document: those being built and those already stored
        self.documents = _Documents([(document_key(d), d.document.doc_number, d.document.title) for d in docs]
                                    + list(known_documents))
        self.lookups: dict[Lookup, str | None] = {}  # every reference looked up, and the key it found

    # -- regions -----------------------------------------------------------------
    def region(self, region: Region | None) -> str | None:
        if region is None:
            return None
        rid = region_id(region)
        self.g.add_node(rid, region.label, name=region.name, level=region.level, code=region.code)
        parent = self.regions.parent(region)
        pid = self.region(parent)
        if pid is not None:
            self.g.add_edge(rid, "IN_REGION", pid)
        return rid

    def department_region(self, unit_level: str | None, name: str, doc_region: Region | None,
                          printed: str | None = None) -> Region | None:
        """The region whose government a department belongs to. A canonical name with a level prefix (区公安局) is
        the document's own region's unless it was printed with the name of a region inside that one (盐湖区公安局
        in a 运城市 document, 济南市发展改革委 in a province's): then it is that region's, the department that
        region's own documents name 区公安局, not one node for every county's bureau."""
        if name and name[0] not in LEVEL_PREFIXES:
            hit = self.regions.first_in(name)
            if hit is not None:
                return hit[1]
        if doc_region is None:
            return None
        if printed and printed[0] not in LEVEL_PREFIXES:
            named = self.regions.opening_inside(printed, doc_region)
            if named is not None and named.level == unit_level:
                return named
        if unit_level == "province":
            return self.regions.province_of(doc_region) or doc_region
        if unit_level == "city" and doc_region.level == "county":
            return self.regions.parent(doc_region) or doc_region
        return doc_region

    # -- documents ---------------------------------------------------------------
    def reference(self, ref: str, cited_from: str, forms: Iterable[str] = ()) -> str:
        """The document id a 《title》 or number refers to: the ingested one if we have it, else a stub.
        ``forms`` are the other ways the citation names it (《河南省…关于印发<X>的通知》(豫建房〔2025〕181号)):
        a document known by its title only is still found."""
        forms = list(forms)
        plain = compact(ref).strip("《》")
        key = self.lookups[(plain, tuple(forms))] = self.documents.find(plain, forms)
        if key is not None and document_id(key) != cited_from:
            # a real document, built here or already stored: refer to it by id (no properties to set)
            return self.g.add_node(document_id(key), "Document").id
        did = document_id(plain)
        props = {"doc_number": plain} if _DOC_NUMBER.match(plain) else {"title": plain}
        cited_title = next((f for f in forms if f.startswith("《")), None)
        if "title" not in props and cited_title:
            # cited by number and title: the stub keeps the title the document is printed under, so the
            # document folds it in when it comes, even if its own text carries no number
            props["title"] = core_title(cited_title)
        self.g.add_node(did, "Document", stub=True, title_key=title_key(props.get("title")), **props)
        return did

    def department(self, unit: UnitRef | None, name: str, level: str | None, doc_region: Region | None,
                   doc_key: str, collective: bool = False, known: bool = True) -> str:
        region = self.department_region(level, name, doc_region, unit.surface if unit is not None else None)
        rid = self.region(region)
        did = f"dept:{region.code if region else 'unknown'}:{name}"
        node = self.g.add_node(did, "Department", name=name, level=level, region=region.name if region else None,
                               collective=collective, known=known)
        aliases = node.props.setdefault("aliases", [])
        if unit is not None and unit.surface != name and unit.surface not in aliases:
            aliases.append(unit.surface)
        if rid:
            self.g.add_edge(did, "BELONGS_TO", rid)
        if collective and region is not None and region.level != "county" and "县" in name:
            for child in self.regions.children(region):
                cid = self.region(child) if child.level == "county" else None
                if cid is not None:
                    self.g.add_edge(did, "COVERS", cid)
        return did

    def add(self, doc: ExtractedDocument) -> None:
        key = document_key(doc)
        did = document_id(key)
        info = doc.document
        doc_region = self.regions.by_code.get(info.region_code) if info.region_code else None
        self.g.add_node(did, "Document", stub=False, doc_number=info.doc_number, title=info.title,
                        title_key=title_key(info.title), issuer=info.issuer, region=info.region, level=info.level, date=info.date,
                        region_code=info.region_code, region_basis=info.region_basis,
                        file=doc.file, content_hash=doc.content_hash, doc_id=did)
        if info.issuer:
            issuer = self.department(None, info.issuer, info.level, doc_region, key)
            self.g.add_edge(did, "ISSUED_BY", issuer, doc_id=did)
        refs = doc.references  # read at extraction (ingest.references): the build only maps them
        for ref in refs:
            if ref.where == "header":
                self.g.add_edge(did, ref.kind, self.reference(ref.target, did, ref.cited_as), doc_id=did, basis="explicit",
                                cited_as=ref.cited_as[0])

        def prov(span: Span, number: str) -> dict:
            return {"doc_id": did, "number": number, "span_start": span.start, "span_end": span.end}

        numbering = Numbering(doc)
        industry_of = {i.provision: i.name for i in doc.industries if i.provision}
        for p in doc.provisions:
            tid = task_id(key, numbering.key(p.number, p.span.start))
            self.g.add_node(tid, "Task", title=p.title, text=p.text, level=info.level,
                            has_responsibility=False, **prov(p.span, p.number))
            self.g.add_edge(tid, "IN_DOCUMENT", did, **prov(p.span, p.number))
            if p.parent:
                self.g.add_edge(tid, "UNDER", task_id(key, numbering.key(p.parent, p.span.start)),
                                **prov(p.span, p.number))
            if p.number in industry_of:
                self.g.add_edge(tid, "CONCERNS", self.industry(industry_of[p.number]), **prov(p.span, p.number))

        upper_doc = self.reference(info.implements[0], did) if doc.cascades and info.implements else None
        # (by row and part: the parts of a row printed below a merged cell each quote with units of their own)
        cascades = {(numbering.key(c.number, c.span.start), c.clause): c for c in doc.cascades}
        upper_tasks: dict[str, str] = {}  # row (its numbering key) -> the upper-level task the row quotes
        for t in doc.tasks:
            row = numbering.key(t.number, t.span.start)
            tid = task_id(key, row, t.clause)
            self.g.add_node(tid, "Task", title=t.title, text=t.text, text_start=t.text_start,
                            level=info.level, has_responsibility=True, clause=t.clause, deadline=t.deadline,
                            deadline_year=t.deadline_year, **prov(t.span, t.number))
            self.g.add_edge(tid, "IN_DOCUMENT", did, **prov(t.span, t.number))
            if t.parent:
                self.g.add_edge(tid, "UNDER", task_id(key, numbering.key(t.parent, t.span.start)),
                                **prov(t.span, t.number))
            cascade = cascades.get((row, t.clause))
            for unit in t.units:
                if cascade is not None and unit.role != "implement":
                    continue  # the upper level's units lead the upper-level task (below)
                dep = self.department(unit, unit.name, unit.level, doc_region, key, unit.collective, unit.known)
                # printed and position keep the list as printed: the first-listed lead is the main one
                self.g.add_edge(dep, EDGE_OF_ROLE[unit.role], tid, surface=unit.surface,
                                printed=unit.printed or unit.surface, position=unit.position, **prov(unit.span, t.number))
            for name in t.industries:
                self.g.add_edge(tid, "CONCERNS", self.industry(name), **prov(t.span, t.number))
            if cascade is not None:
                upper_tasks[row] = self.cascade(doc, key, tid, cascade, upper_doc, doc_region)

        # a provision that says 落实《…》 carries that document out; one that only names it cites it
        for ref in refs:
            provision = ref.provision
            if ref.where == "header" or not provision:
                continue
            source = task_id(key, provision)
            if source not in self.g.nodes:
                source = did
            self.g.add_edge(source, ref.kind, self.reference(ref.target, did, ref.cited_as), doc_id=did, number=provision,
                            basis="explicit", cited_as=ref.cited_as[0])

        for k, target in enumerate(doc.targets, start=1):
            tgt = f"target:{key}:{target.task or '-'}:{k}"
            task = numbering.key(target.task, target.span.start) if target.task else None
            owner = task_id(key, task, target.clause) if task else did
            if owner not in self.g.nodes:
                owner = task_id(key, task) if task else did
            if owner not in self.g.nodes:
                owner = did
            # the task whose departments answer for it: the stating task, except for a provincial goal
            # quoted in a division-of-labour row, which the province's task owns (not the city's units)
            owner_task = owner if owner != did else None
            cascade = cascades.get((task, target.clause)) if task else None
            if cascade is not None and task in upper_tasks and target.scope_level == cascade.upper_level:
                owner_task = upper_tasks[task]
            self.g.add_node(tgt, "Target", text=target.text, metric=target.metric, value=target.value,
                            unit=target.unit, qualifier=target.qualifier, year=target.year,
                            year_basis=target.year_basis, scope=target.scope, scope_level=target.scope_level,
                            clause=target.clause, owner_task=owner_task, **prov(target.span, target.task))
            self.g.add_edge(owner, "HAS_TARGET", tgt, **prov(target.span, target.task))

        for ind in doc.industries:
            node = self.industry(ind.name)
            if ind.parent:
                self.g.add_edge(node, "SUBINDUSTRY_OF", self.industry(ind.parent), doc_id=did)

    def industry(self, name: str) -> str:
        iid = "industry:" + name
        self.g.add_node(iid, "Industry", name=name)
        return iid

    def cascade(self, doc, key, city_task: str, c, upper_doc: str | None, doc_region: Region | None) -> str:
        """A table row: the upper-level task (in the implemented document) and who leads it there; its id."""
        upper_key = upper_doc[len("doc:"):] if upper_doc else key + "(上级)"
        if upper_doc is None:
            upper_doc = document_id(upper_key)
            self.g.add_node(upper_doc, "Document", stub=True, title=None)
        upper_task = task_id(upper_key, "title:" + compact(c.province_task))
        self.g.add_node(upper_task, "Task", number=None, title=c.province_task, level=c.upper_level,
                        has_responsibility=True, stub=True, doc_id=document_id(key), span_start=c.span.start,
                        span_end=c.span.end)
        self.g.add_edge(upper_task, "IN_DOCUMENT", upper_doc, doc_id=document_id(key))
        by_name = {u.name: u for u in c.units}
        # what this row says of the quoted task, kept on its CASCADES_FROM: the LEADS and COOPERATES_ON edges
        # of a quoted task are one per department, shared by every row that quotes it, so when the document
        # holding one goes, the next row saying the same hands it on (graph.stores.loading)
        claims: dict[str, list[str]] = {"province_leads": [], "province_leads_as": [],
                                        "province_cooperates": [], "province_cooperates_as": []}
        for role, names in (("lead", c.province_leads), ("cooperate", c.province_cooperates)):
            field = "province_leads" if role == "lead" else "province_cooperates"
            for name in names:
                unit = by_name.get(name)
                dep = self.department(unit, name, c.upper_level, doc_region, key,
                                      unit.collective if unit else False, unit.known if unit else True)
                claims[field].append(dep)
                claims[field + "_as"].append((unit.printed or unit.surface) if unit else name)
                self.g.add_edge(dep, EDGE_OF_ROLE[role], upper_task, doc_id=document_id(key), number=c.number,
                                span_start=unit.span.start if unit else c.span.start,
                                span_end=unit.span.end if unit else c.span.end,
                                **_as_printed(unit))
        for name in c.city_cooperates:
            unit = by_name.get(name)
            dep = self.department(unit, name, c.lower_level, doc_region, key,
                                  unit.collective if unit else False, unit.known if unit else True)
            self.g.add_edge(dep, "COOPERATES_ON", city_task, doc_id=document_id(key), number=c.number,
                            span_start=unit.span.start if unit else c.span.start,
                            span_end=unit.span.end if unit else c.span.end,
                            **_as_printed(unit))
        self.g.add_edge(city_task, "CASCADES_FROM", upper_task, basis="explicit", score=1.0,
                        doc_id=document_id(key), number=c.number, span_start=c.span.start, span_end=c.span.end,
                        **claims)
        return upper_task


def _as_printed(unit: UnitRef | None) -> dict:
    return {"printed": unit.printed or unit.surface, "position": unit.position} if unit is not None else {}


def build_graph(docs: Iterable[ExtractedDocument], graph: PolicyGraph | None = None,
                known_documents: Iterable[KnownDocument] = ()) -> PolicyGraph:
    """The graph of ``docs``; references to ``known_documents`` (key, number, title: already in a store)
    point at them instead of at stubs."""
    docs = list(docs)
    graph = graph or PolicyGraph()
    builder = _Builder(graph, docs, known_documents)
    for doc in sorted(docs, key=document_key):
        builder.add(doc)
    return graph


@dataclass
class DocumentGraph:
    """One document's graph built before the store is asked which documents it holds (in a reader process),
    with what is needed to tell whether the stored documents would have changed it: every reference it looked
    up and the key it found (None: a stub). ``holds_with`` says whether it is the graph ``build_graph([doc],
    known_documents=known)`` gives."""

    graph: PolicyGraph
    own: KnownDocument
    lookups: dict[Lookup, str | None]

    def holds_with(self, known: Iterable[KnownDocument]) -> bool:
        """Every reference finds the same document (or none) among this one and ``known`` as it did alone:
        the stored documents are where the build would point nothing differently."""
        known = list(known)
        if not known:
            return True
        documents = _Documents([self.own, *known])
        return all(documents.find(plain, forms) == key for (plain, forms), key in self.lookups.items())


def build_document(doc: ExtractedDocument) -> DocumentGraph:
    """``doc``'s graph as if no other document were stored, with the references it looked up."""
    graph = PolicyGraph()
    builder = _Builder(graph, [doc])
    builder.add(doc)
    return DocumentGraph(graph, (document_key(doc), doc.document.doc_number, doc.document.title), builder.lookups)
