"""smdesk.app: the desktop app (the only package importing PySide6 and qasync).

Shape
    main.py           composition root: settings, history, secrets -> controllers -> window;
                      one asyncio loop on the Qt thread (loop.py: qasync with one fix).
    controllers/      QObjects with Signals and async methods: session (key, endpoint, sandbox),
                      jobs (queue, concurrency, cancel/retry/delete, resume), pipeline (one job's
                      upload -> wait -> download), db (history on one worker thread), intake
                      (files/folders -> checked media), preferences, tasks (strong references).
    models/           the job table model and the words shown per phase.
    widgets/, windows/  render state and emit intents; dialogs use open() + signals, never exec().
    errors.py         one sys.excepthook + loop exception handler, rotating log, key redaction.
    messages.py       every exception -> one plain sentence.

Guarantees
    The phase is written to the history before each network step. A restart re-attaches jobs
    that have a server id, re-uploads only uploads that never reached the server (found by the
    tracking reference each upload carries, else by file name and time), and never loses a
    finished transcript. Blocking work (keyring, SQLite, file checks, fingerprints) runs off
    the Qt thread.
"""
