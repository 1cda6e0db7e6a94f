"""``carbonbot ingest``: knowledge folder -> a new index generation -> atomic switch.

Incremental by content hash: an unchanged file reuses its chunks, and any
chunk whose id (which embeds its content hash) is already indexed reuses its
embedding, so only new text is embedded. A file that fails keeps its last
good version in the index and is reported; the run exits non-zero. Nothing
is written to the live generation: a crash or kill leaves it answering.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from bot.config import Settings
from bot.models import Chunk
from bot.store.layout import DataDir
from bot.store.lexical import LexicalIndex
from bot.store.vector import VectorStore, collection_name, open_client
from ingest.chunking import chunk_sections
from ingest.loaders.markdown import parse_markdown
from ingest.loaders.pdf import parse_pdf
from ingest.firm_records import FIRM_HASHES, update_records
from ingest.loaders.records import RecordFileError
from ingest.record_files import RecordFile, file_digest, read_cache
from ingest.loaders.text import parse_text

DOC_SUFFIXES = {".md", ".markdown", ".txt", ".pdf"}
RECORD_SUFFIXES = {".csv", ".xlsx"}
PARAMETERS = "parameters.yaml"  # the calculators' numbers; validated and copied into the generation
DOC_TYPES = {"program": "rules", "law": "law", "faq": "faq"}
LANGUAGES = ("en", "ko")

Progress = Callable[[str, int, int], None]


@dataclass
class FileResult:
    path: str
    action: str  # added | updated | unchanged | removed | failed
    chunks: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    generation: str | None = None
    switched: bool = False
    embedded: int = 0
    reused: int = 0
    total_chunks: int = 0
    firms_processed: int = 0  # firms whose records were validated and re-chunked (their rows changed)
    firms_unchanged: int = 0  # firms whose rows hash as before: carried over at no cost
    firms_removed: int = 0
    firms_kept: list[str] = field(default_factory=list)  # changed with a bad row: last good records kept
    records_files_read: int = 0  # records files read and split (one whose content hash is unchanged is not)
    records_rows_parsed: int = 0  # records rows parsed into cells and validated (those of the firms processed)

    @property
    def failed(self) -> bool:
        return any(f.errors for f in self.files)

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ("added", "updated", "unchanged", "removed", "failed")}
        for f in self.files:
            out[f.action] += 1
        return out


def _parse_document(path: Path, source: str, top: str) -> list[Chunk]:
    """Parse one document into chunks; raises ValueError with a one-line reason."""
    suffix = path.suffix.lower()
    fallback = path.stem.replace("-", " ").replace("_", " ").title()
    if suffix == ".pdf":
        title, sections = parse_pdf(path)
        title, doc_type = title or fallback, "pdf"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        if suffix == ".txt":
            title, sections, doc_type = fallback, parse_text(text), "text"
        else:
            title, sections = parse_markdown(text, fallback)
            doc_type = "doc"
    if not sections:
        raise ValueError("no text to index (empty file)")
    return chunk_sections(sections, source=source, title=title, doc_type=DOC_TYPES.get(top, doc_type),
                          language=document_language(path))


def document_language(path: Path) -> str:
    """A document's language from its name: ``rules.ko.md`` is Korean, anything else English."""
    parts = path.name.lower().split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in LANGUAGES else "en"


class Ingest:
    def __init__(self, settings: Settings, knowledge: Path, progress: Progress | None = None) -> None:
        self.settings = settings
        self.knowledge = Path(knowledge)
        self.data = DataDir(settings.data_dir)
        self.root = self.knowledge.resolve().name
        self.progress = progress or (lambda stage, done, total: None)

    # -- the previous generation, read-only --------------------------------------------
    def _previous(self) -> tuple[str | None, dict, dict[str, list[Chunk]]]:
        gen = self.data.current()
        if gen is None:
            return None, {}, {}
        path = self.data.path(gen)
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        by_source: dict[str, list[Chunk]] = {}
        for chunk in LexicalIndex.read(path / "chunks.jsonl"):
            if chunk.doc_type != "record":  # records are carried over firm by firm (``update_records``)
                by_source.setdefault(chunk.source, []).append(chunk)
        return gen, manifest, by_source

    def run(self) -> IngestReport:
        if not self.knowledge.is_dir():
            raise RecordFileError(f"knowledge folder not found: {self.knowledge}")
        with self.data.lock():
            return self._run()

    def _run(self) -> IngestReport:
        report = IngestReport()
        prev_gen, prev_manifest, prev_chunks = self._previous()
        prev_files: dict[str, dict] = prev_manifest.get("files", {})
        model_changed = (prev_manifest.get("embedding_model") != self.settings.embedding_model
                         or prev_manifest.get("embedding_model_ko", self.settings.embedding_model_ko)
                         != self.settings.embedding_model_ko)

        files = sorted(p for p in self.knowledge.rglob("*") if p.is_file() and not any(
            part.startswith(".") for part in p.relative_to(self.knowledge).parts))
        doc_chunks: list[Chunk] = []
        record_files: list[RecordFile] = []
        splits = read_cache(self.data.path(prev_gen) if prev_gen else None)  # each records file's last split
        records_failed = False  # a records file could not be read at all: every firm keeps its last good records
        manifest_files: dict[str, dict] = {}
        parameters: Path | None = None

        for path in files:
            rel = path.relative_to(self.knowledge).as_posix()
            source = f"{self.root}/{rel}"
            data = path.read_bytes()
            digest = file_digest(data)
            before = prev_files.get(rel)
            action = "added" if before is None else ("unchanged" if before["hash"] == digest else "updated")
            result = FileResult(source, action)
            report.files.append(result)
            suffix = path.suffix.lower()
            try:
                if suffix in RECORD_SUFFIXES:
                    try:
                        record = RecordFile.open(path, source, data, digest, splits.get(source))
                    except RecordFileError:
                        records_failed = True
                        raise
                    record_files.append(record)
                    result.chunks = record.rows
                elif path.name == PARAMETERS:
                    from bot.calculators.params import Parameters, ParametersError

                    try:
                        Parameters.load(path)
                    except ParametersError as exc:
                        raise ValueError(str(exc).replace(str(path.resolve()), "").lstrip(": ")) from exc
                    parameters = path
                elif suffix in DOC_SUFFIXES:
                    if action == "unchanged" and before.get("ok") and source in prev_chunks:
                        chunks = prev_chunks[source]
                    else:
                        chunks = _parse_document(path, source, rel.split("/")[0])
                    doc_chunks.extend(chunks)
                    result.chunks = len(chunks)
                else:
                    raise ValueError(f"unsupported file type {path.suffix or '(none)'}; expected .md, .txt, .pdf, .csv or .xlsx")
                manifest_files[rel] = {"hash": digest, "ok": not result.errors}
            except (ValueError, RecordFileError, OSError) as exc:
                result.action = "failed"
                result.errors.append(f"{source}: {exc}")
                self._keep_last_good(rel, source, before, prev_gen, prev_chunks, doc_chunks, manifest_files)

        for rel in sorted(set(prev_files) - {p.relative_to(self.knowledge).as_posix() for p in files}):
            report.files.append(FileResult(f"{self.root}/{rel}", "removed"))

        nothing_changed = (
            prev_gen is not None
            and not model_changed
            and all(f.action == "unchanged" and not f.errors for f in report.files)
            and all(entry.get("ok") for entry in prev_files.values())
            and prev_manifest.get("index_records", True) == self.settings.index_records
            and (self.data.path(prev_gen) / FIRM_HASHES).exists()
            and not any(f.reads for f in record_files)  # every records file's split is cached
        )
        if nothing_changed:
            report.generation = prev_gen
            report.total_chunks = prev_manifest.get("chunks", len(doc_chunks))
            report.firms_unchanged = len(json.loads((self.data.path(prev_gen) / FIRM_HASHES).read_text(encoding="utf-8")))
            return report
        if parameters is None and prev_gen and (self.data.path(prev_gen) / PARAMETERS).exists():
            parameters = self.data.path(prev_gen) / PARAMETERS  # keep the last good parameters

        gen, path = self.data.new_generation()
        report.generation = gen
        # Records firm by firm: only firms whose rows changed are validated, written and re-chunked.
        update = update_records(record_files, path, self.data.path(prev_gen) if prev_gen else None, self.root,
                                keep_all=records_failed)
        report.firms_processed, report.firms_unchanged = len(update.processed), update.unchanged
        report.firms_removed, report.firms_kept = len(update.removed), update.kept
        report.records_files_read, report.records_rows_parsed = update.files_read, update.rows_parsed
        for source, errors in update.errors.items():
            result = next(f for f in report.files if f.path == source)
            result.errors.extend(errors)
        for f in report.files:
            if f.errors and f.action != "failed":
                manifest_files[f.path.split("/", 1)[1]]["ok"] = False
        chunks = doc_chunks + update.chunks if self.settings.index_records else doc_chunks
        report.total_chunks = len(chunks)
        self._build(report, gen, path, chunks, manifest_files, prev_gen, parameters)
        return report

    def _keep_last_good(self, rel, source, before, prev_gen, prev_chunks, doc_chunks, manifest_files) -> None:
        """A failed file keeps what the previous generation had of it (records: see ``update_records``)."""
        if before is None or prev_gen is None:
            return
        manifest_files[rel] = {"hash": before["hash"], "ok": False}
        if source in prev_chunks:
            doc_chunks.extend(prev_chunks[source])

    def _build(self, report, gen, path, chunks, manifest_files, prev_gen, parameters: Path | None) -> None:
        from bot.store.embeddings import get_embeddings

        client = open_client(self.settings.chroma_url, path)
        prev_manifest = (json.loads((self.data.path(prev_gen) / "manifest.json").read_text(encoding="utf-8"))
                         if prev_gen is not None else {})
        report.embedded = 0
        # Each language's chunks go, embedded by that language's model, into that language's collection.
        for language, model_key in (("en", "embedding_model"), ("ko", "embedding_model_ko")):
            part_chunks = [c for c in chunks if c.language == language]
            model = getattr(self.settings, model_key)
            store = VectorStore(client, collection_name(self.settings.collection, gen, language))
            reuse: dict[str, list[float]] = {}
            if prev_gen is not None and prev_manifest.get(model_key) == model:
                old = VectorStore(open_client(self.settings.chroma_url, self.data.path(prev_gen)),
                                  collection_name(self.settings.collection, prev_gen, language))
                reuse = old.embeddings_for([c.id for c in part_chunks])
            todo = [c for c in part_chunks if c.id not in reuse]
            embedder = get_embeddings(model) if todo else None
            vectors: dict[str, list[float]] = dict(reuse)
            batch = 64
            for i in range(0, len(todo), batch):
                part = todo[i : i + batch]
                vectors.update(zip([c.id for c in part], embedder.embed_documents([embed_text(c) for c in part])))
                self.progress(f"embedding ({language})", min(i + batch, len(todo)), len(todo))
            if part_chunks:
                store.add(part_chunks, [vectors[c.id] for c in part_chunks])
            report.embedded += len(todo)
        self._sentence_vectors(chunks, path, prev_gen if prev_manifest else None, prev_manifest)
        LexicalIndex.save(chunks, path / "chunks.jsonl")
        if parameters is not None:
            shutil.copyfile(parameters, path / PARAMETERS)
        manifest = {"embedding_model": self.settings.embedding_model,
                    "embedding_model_ko": self.settings.embedding_model_ko, "files": manifest_files,
                    "chunks": len(chunks), "index_records": self.settings.index_records,
                    "knowledge": str(self.knowledge.resolve())}
        (path / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        report.reused = len(chunks) - report.embedded
        self.data.switch(gen)
        report.switched = True
        self._prune(client, keep={gen, prev_gen} - {None})

    def _sentence_vectors(self, chunks: list[Chunk], path: Path, prev_gen: str | None, prev_manifest: dict) -> None:
        """Every quotable sentence of the documents, embedded now so a question only embeds itself.

        Written per language as ``sentences-<lang>.npz`` (keys ``<chunk id>|<text embedded>``, see ``sentence_key``); vectors of
        sentences the previous generation already had, with the same model, are carried over.
        """
        from bot.compose.documents import sentence_key, sentences
        from bot.store.embeddings import get_embeddings

        for language, model_key in (("en", "embedding_model"), ("ko", "embedding_model_ko")):
            model = getattr(self.settings, model_key)
            keys = [sentence_key(c, s) for c in chunks if c.language == language and c.doc_type != "record"
                    for s in sentences(c.text)]
            if not keys:
                continue
            old: dict[str, np.ndarray] = {}
            prev_file = self.data.path(prev_gen) / f"sentences-{language}.npz" if prev_gen else None
            if prev_file is not None and prev_file.exists() and prev_manifest.get(model_key) == model:
                with np.load(prev_file) as data:
                    old = dict(zip(data["keys"].tolist(), data["vectors"]))
            todo = [k for k in keys if k not in old]
            if todo:
                embedder = get_embeddings(model)
                for i in range(0, len(todo), 64):
                    part = todo[i : i + 64]
                    old.update(zip(part, np.asarray(embedder.embed_documents([k.split("|", 1)[1] for k in part]))))
                    self.progress(f"sentences ({language})", min(i + 64, len(todo)), len(todo))
            np.savez(path / f"sentences-{language}.npz", keys=np.array(keys),
                     vectors=np.array([old[k] for k in keys], dtype=np.float32))

    def _prune(self, client, keep: set[str]) -> None:
        """Keep the new and the previous generation (a running bot may still read it)."""
        self.data.prune(keep)
        if self.settings.chroma_url:
            prefix = f"{self.settings.collection}_"
            for col in client.list_collections():
                name = getattr(col, "name", col)
                if name.startswith(prefix) and name[len(prefix):].split("_")[0] not in keep:
                    client.delete_collection(name)


def embed_text(chunk: Chunk) -> str:
    """What gets embedded: the heading path gives a short clause its context."""
    return f"{chunk.heading}\n{chunk.text}" if chunk.heading else chunk.text
