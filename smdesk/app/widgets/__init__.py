"""smdesk.app.widgets"""
