"""smdesk.app.transcript: the transcript feature: pane, editable view, find, speakers, player."""
