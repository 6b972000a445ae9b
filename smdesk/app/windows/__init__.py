"""smdesk.app.windows"""
