"""SessionController: who we talk to and with which key.

Holds the API key (never logged, never in settings or the DB), resolves the endpoint (region,
custom URL, or the ``SPEECHMATICS_BATCH_URL`` override), runs the in-process sandbox for "Try
without an account", and hands out one AsyncClient per endpoint. Jobs remember the endpoint
they were submitted to (``JobRecord.endpoint``): a real endpoint is stored as its URL, sandbox
jobs as ``"sandbox"`` because the sandbox gets a new port every time it starts.

Sandbox jobs resume once the sandbox runs again ("Try without an account", or ``--sandbox``).
The sandbox keeps its jobs in memory only, so a restarted sandbox no longer has them: such a job
fails with a sentence saying so, and Retry uploads the file again. Jobs nothing was ever sent
for follow whatever connection is chosen later (see JobsController.pump).
"""

from __future__ import annotations

import asyncio
import logging
import os
from enum import Enum

from PySide6.QtCore import QObject, Signal

from smdesk.app.errors import register_secret
from smdesk.app.messages import KEY_REJECTED_HERE, SAVED_KEY_REJECTED, user_message
from smdesk.batch import MAX_UPLOAD_BYTES, AsyncClient, AuthenticationError, ConnectionConfig
from smdesk.core.endpoints import endpoint_label as core_endpoint_label
from smdesk.core.endpoints import region_for_url, resolve_endpoint
from smdesk.sandbox import SandboxOptions, SandboxThread
from smdesk.store.secrets import MemorySecretStore, SecretStore, SecretStoreUnavailable

log = logging.getLogger(__name__)

SANDBOX_ENDPOINT = "sandbox"
ENV_KEY = "SPEECHMATICS_API_KEY"
ENV_URL = "SPEECHMATICS_BATCH_URL"
NO_KEYRING = (
    "This computer has no system keyring, so smdesk cannot save your API key safely; "
    "it will be used for this session only and you will be asked again next time."
)


class Mode(Enum):
    NONE = "none"  # no key yet: the first-start dialog is showing
    ACCOUNT = "account"
    SANDBOX = "sandbox"


def resolve_endpoint_url(setting: str) -> str:
    """Batch URL for a Settings endpoint value (region key or custom URL); the env var wins.

    Raises ValueError (one sentence) for a value that is neither a region nor a usable URL.
    """
    override = os.environ.get(ENV_URL, "").strip()
    return resolve_endpoint(override or setting).rstrip("/")


def endpoint_choice(setting: str) -> str:
    """What the person chose (the env var wins), as typed: used even when it is refused, so
    a refused URL is never silently replaced by another endpoint."""
    return (os.environ.get(ENV_URL, "").strip() or setting).strip().rstrip("/")


def endpoint_refusal(setting: str) -> str | None:
    """One sentence when the chosen endpoint cannot be used (then nothing is sent), else None."""
    try:
        resolve_endpoint_url(setting)
    except ValueError as exc:
        reason = str(exc).rstrip(".").removeprefix("Endpoint ")  # the URL starts the reason
        if os.environ.get(ENV_URL, "").strip():
            return (f"{ENV_URL} is refused: {reason}, or unset {ENV_URL} to use the endpoint "
                    "chosen in Settings; nothing is sent until then.")
        return f"{reason}; nothing is sent until you choose another endpoint in Settings."
    return None


def endpoint_label(endpoint: str) -> str:
    """Human name for an endpoint as stored on a job."""
    if endpoint == SANDBOX_ENDPOINT:
        return "the built-in sandbox"
    region = region_for_url(endpoint)
    return core_endpoint_label(region or endpoint)


class SessionController(QObject):
    changed = Signal()  # mode, key or endpoint changed: jobs waiting for a client may go on
    key_needed = Signal(str)  # reason ("" on first start)
    key_accepted = Signal()
    key_rejected = Signal(str)
    notice = Signal(str)

    def __init__(
        self,
        secret_store: SecretStore,
        endpoint_setting: str,
        *,
        keyring_missing: bool = False,
        sandbox_options: SandboxOptions | None = None,
        conn_config: ConnectionConfig | None = None,
    ) -> None:
        super().__init__()
        self._store = secret_store
        self._keyring_missing = keyring_missing
        self._endpoint_setting = endpoint_setting
        self._api_key: str | None = None
        self._key_from_env = False
        self.mode = Mode.NONE
        self._sandbox: SandboxThread | None = None
        self._sandbox_options = sandbox_options or SandboxOptions(processing_factor=0.05)
        self._clients: dict[str, AsyncClient] = {}
        self._conn_config = conn_config
        self._owns_sandbox = True
        self._keyring_problem = ""
        self._rejected_key: str | None = None
        self._closing_clients: set[asyncio.Task[None]] = set()

    def __repr__(self) -> str:  # never show the key
        return f"SessionController(mode={self.mode.value}, endpoint={self.endpoint_url!r})"

    # ---- state ---------------------------------------------------------------------------
    @property
    def endpoint_url(self) -> str:
        try:
            return resolve_endpoint_url(self._endpoint_setting)
        except ValueError:  # never fall back to another server: client_for refuses this one
            return endpoint_choice(self._endpoint_setting)

    @property
    def endpoint_problem(self) -> str | None:
        """Why the chosen endpoint is refused (e.g. plain http to the internet), else None."""
        return endpoint_refusal(self._endpoint_setting)

    @property
    def max_upload_bytes(self) -> int:
        """The upload limit files are checked against when they are added."""
        return self._conn_config.max_upload_bytes if self._conn_config else MAX_UPLOAD_BYTES

    @property
    def keyring_missing(self) -> bool:
        return self._keyring_missing

    @property
    def has_key(self) -> bool:
        return self._api_key is not None

    @property
    def sandbox(self) -> SandboxThread | None:
        return self._sandbox

    def current_endpoint(self) -> str | None:
        """Endpoint new jobs are submitted to, or None while there is neither key nor sandbox."""
        if self.mode is Mode.SANDBOX:
            return SANDBOX_ENDPOINT
        if self.mode is Mode.ACCOUNT:
            return self.endpoint_url
        return None

    def estimate_seconds(self, endpoint: str, duration: float | None) -> float | None:
        """How long the server will likely take for audio of ``duration`` seconds."""
        if duration is None:
            return None
        if endpoint == SANDBOX_ENDPOINT:
            options = self._sandbox_options
            if options.processing_seconds is not None:
                return options.processing_seconds
            return options.processing_factor * duration
        # Speechmatics batch jobs usually finish in well under half the audio's length.
        return max(30.0, duration * 0.5)

    def describe(self) -> str:
        if self.mode is Mode.SANDBOX:
            return "Sandbox: nothing leaves this computer"
        if self.mode is Mode.ACCOUNT:
            if self.endpoint_problem:
                return f"Not connected: {endpoint_label(self.endpoint_url)} is refused"
            return f"Speechmatics · {endpoint_label(self.endpoint_url)}"
        return "Not connected"

    def client_for(self, endpoint: str) -> AsyncClient | None:
        """A client for the endpoint a job was submitted to, or None if it is not reachable now."""
        client = self._clients.get(endpoint)
        if client is not None:
            return client
        if endpoint == SANDBOX_ENDPOINT:
            if self._sandbox is None:
                return None
            client = AsyncClient(
                api_key=self._sandbox_options.api_key,
                url=self._sandbox.url,
                conn_config=self._conn_config,
            )
        else:
            if self._api_key is None:
                return None
            try:
                client = AsyncClient(
                    api_key=self._api_key, url=endpoint, conn_config=self._conn_config
                )
            except ValueError as exc:  # refused by the client's http policy: send nothing
                log.warning("Not connecting to %s: %s", endpoint, exc)
                return None
        self._clients[endpoint] = client
        return client

    # ---- startup ---------------------------------------------------------------------------
    async def start(self, *, sandbox: bool = False) -> None:
        """Find a key (env var, then keyring); start the sandbox if asked, else use the key,
        else ask for one. With ``sandbox`` a found key is kept for "Use my account"."""
        key = await self._find_key()
        problem = self.endpoint_problem
        if problem and not sandbox:
            log.warning("%s", problem)
            self.notice.emit(problem)
        if sandbox:
            if key:
                register_secret(key)
                self._api_key = key
            await self.start_sandbox()
            return
        if key:
            self._set_key(key)
            return
        self.key_needed.emit(self._keyring_problem or (NO_KEYRING if self._keyring_missing else ""))

    async def _find_key(self) -> str | None:
        env_key = os.environ.get(ENV_KEY, "").strip()
        if env_key:
            self._key_from_env = True
            return env_key
        try:
            key = await asyncio.get_running_loop().run_in_executor(None, self._store.get_api_key)
        except SecretStoreUnavailable as exc:
            log.warning("Keyring unavailable: %s", exc)
            self._use_memory_store()
            self._keyring_problem = str(exc)
            return None
        return key or None

    def _use_memory_store(self) -> None:
        if type(self._store) is not MemorySecretStore:
            self._store = MemorySecretStore()
        self._keyring_missing = True

    def _set_key(self, key: str) -> None:
        register_secret(key)
        if key != self._api_key:
            self._drop_account_clients()
        self._api_key = key
        self.mode = Mode.ACCOUNT
        self.changed.emit()

    # ---- intents -------------------------------------------------------------------------
    async def submit_key(self, key: str) -> bool:
        """Check the key against the API, then keep it in the keyring (or for this session)."""
        key = key.strip()
        register_secret(key)
        if not key:
            self.key_rejected.emit("Paste your Speechmatics API key first.")
            return False
        error = await self.check_key(key, self.endpoint_url)
        if error is not None:
            self.key_rejected.emit(error)
            return False
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._store.set_api_key, key)
        except SecretStoreUnavailable as exc:
            log.warning("Could not save the key in the keyring: %s", exc)
            self._use_memory_store()
            self._store.set_api_key(key)
            self.notice.emit(NO_KEYRING)
        self._key_from_env = False
        self._set_key(key)
        self.key_accepted.emit()
        return True

    def key_was_rejected(self) -> None:
        """A job got 401/403 with the current key: ask for a new one (once per key)."""
        if self._rejected_key == self._api_key:
            return
        self._rejected_key = self._api_key
        self.key_needed.emit(SAVED_KEY_REJECTED)

    async def check_key(self, key: str, url: str) -> str | None:
        """None if the API accepts the key, else one sentence saying why not."""
        try:
            async with AsyncClient(api_key=key, url=url, conn_config=self._conn_config) as client:
                await client.list_jobs(limit=1)
        except AuthenticationError:
            return KEY_REJECTED_HERE  # shown in the key dialog
        except Exception as exc:
            log.warning("Key check against %s failed: %r", url, exc)
            return user_message(exc, url=url)
        return None

    async def forget_key(self) -> None:
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._store.delete_api_key)
        except SecretStoreUnavailable as exc:
            log.warning("Could not delete the key: %s", exc)
        self._api_key = None
        self._drop_account_clients()
        if self.mode is Mode.ACCOUNT:
            self.mode = Mode.NONE
        self.changed.emit()
        self.key_needed.emit("")

    async def start_sandbox(self) -> None:
        """Run the bundled sandbox on its own thread and switch new jobs to it."""
        if self._sandbox is None:
            thread = SandboxThread(self._sandbox_options)
            await asyncio.get_running_loop().run_in_executor(None, thread.start)
            self._sandbox = thread
            log.info("Sandbox running at %s", thread.url)
        self.mode = Mode.SANDBOX
        self.changed.emit()

    def use_account(self) -> None:
        """Back from sandbox to the account (asks for a key if there is none)."""
        if self._api_key is None:
            self.key_needed.emit("")
            return
        self.mode = Mode.ACCOUNT
        self.changed.emit()

    def set_endpoint(self, endpoint_setting: str) -> None:
        if endpoint_setting == self._endpoint_setting:
            return
        self._endpoint_setting = endpoint_setting
        self.changed.emit()

    def attach_sandbox(self, thread: SandboxThread, options: SandboxOptions) -> None:
        """Use a sandbox somebody else started (tests, benchmarks); it is not stopped by close()."""
        self._sandbox = thread
        self._sandbox_options = options
        self._owns_sandbox = False
        self._clients.pop(SANDBOX_ENDPOINT, None)
        self.mode = Mode.SANDBOX
        self.changed.emit()

    # ---- shutdown ------------------------------------------------------------------------
    def _drop_account_clients(self) -> None:
        for endpoint in [e for e in self._clients if e != SANDBOX_ENDPOINT]:
            client = self._clients.pop(endpoint)
            task = asyncio.ensure_future(client.close())
            self._closing_clients.add(task)
            task.add_done_callback(self._closing_clients.discard)

    async def close(self) -> None:
        clients = list(self._clients.values())
        self._clients.clear()
        for client in clients:
            try:
                await client.close()
            except Exception:
                log.exception("Closing a client failed")
        sandbox, self._sandbox = self._sandbox, None
        if self._closing_clients:
            await asyncio.gather(*self._closing_clients, return_exceptions=True)
        if sandbox is not None and self._owns_sandbox:
            await asyncio.get_running_loop().run_in_executor(None, sandbox.stop)
