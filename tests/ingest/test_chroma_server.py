"""The same store behaviour against a real ``chroma run`` server on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.models import Asker
from bot.store.embeddings import get_embeddings
from bot.store.vector import access_where
from ingest.pipeline import Ingest
from tests.conftest import make_settings, free_port
from tests.ingest.test_bad_input import GOOD_FIRM, write_firms
from tests.ingest.test_pipeline import small_knowledge

pytestmark = [pytest.mark.slow, pytest.mark.server]



@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen([str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_query_through_a_chroma_server(chroma_url, tmp_path):
    kdir = small_knowledge(tmp_path)
    write_firms(kdir, [GOOD_FIRM])
    settings = make_settings(tmp_path / "data", kdir, chroma_url=chroma_url)
    first = Ingest(settings, kdir).run()
    assert first.switched and not first.failed
    assert not (tmp_path / "data" / "generations" / first.generation / "chroma").exists()

    index = open_index_with(settings)
    assert index.vector_count() == len(index.lexical.chunks)  # record text is not searched (docs/scale.md)
    vec = get_embeddings().embed_query("when is the first installment due")
    got = index.vectors.query(vec, 5, access_where(Asker.guest()))
    assert got and all(c.visibility == "public" for c, _ in got)
    assert "§7.2" in {c.locator for c, _ in got}

    # Incremental on the server too: an edit re-embeds one clause, old collections are dropped.
    rules = kdir / "program" / "rules.md"
    rules.write_text(rules.read_text(encoding="utf-8").replace("no interest", "no interest whatsoever"), encoding="utf-8")
    second = Ingest(settings, kdir).run()
    assert second.switched and 0 < second.embedded <= 2
    third_rules = rules.read_text(encoding="utf-8").replace("whatsoever", "of any kind")
    rules.write_text(third_rules, encoding="utf-8")
    third = Ingest(settings, kdir).run()
    names = {getattr(c, "name", c) for c in index.vectors.client.list_collections()}
    assert f"carbonbot_{first.generation}" not in names
    assert {f"carbonbot_{second.generation}", f"carbonbot_{third.generation}"} <= names


def open_index_with(settings):
    from bot.store.index import Index
    from bot.store.layout import DataDir

    data = DataDir(settings.data_dir)
    gen = data.require_current()
    return Index(settings, gen, data.path(gen))

