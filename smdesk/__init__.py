"""smdesk: a desktop transcription client for the Speechmatics Batch API."""

__version__ = "0.1.0"
APP_NAME = "smdesk"
APP_DISPLAY_NAME = "smdesk"
APP_ID = "io.smdesk.smdesk"
