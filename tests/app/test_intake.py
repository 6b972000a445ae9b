"""Adding files: the size check follows the connection's upload limit, not a fixed 1 GB."""

from pathlib import Path

from smdesk.app.controllers.intake import collect_media
from smdesk.app.controllers.session import SessionController
from smdesk.batch import MAX_UPLOAD_BYTES, ConnectionConfig
from smdesk.sandbox.sample import SAMPLE_AUDIO
from smdesk.store.secrets import MemorySecretStore


def test_intake_refuses_files_over_the_given_limit_with_a_reason(tmp_path: Path) -> None:
    audio = tmp_path / "interview.ogg"
    audio.write_bytes(SAMPLE_AUDIO.read_bytes())
    size = audio.stat().st_size
    refused = collect_media([str(audio)], max_bytes=size)
    assert not refused.accepted
    assert len(refused.refused) == 1 and "interview.ogg" in refused.refused[0]
    accepted = collect_media([str(audio)], max_bytes=size + 1)
    assert [item.info.path for item in accepted.accepted] == [audio]


def test_session_reports_the_connection_upload_limit() -> None:
    store = MemorySecretStore()
    assert SessionController(store, "default").max_upload_bytes == MAX_UPLOAD_BYTES
    raised = ConnectionConfig(max_upload_bytes=5 * MAX_UPLOAD_BYTES)
    session = SessionController(store, "default", conn_config=raised)
    assert session.max_upload_bytes == 5 * MAX_UPLOAD_BYTES
