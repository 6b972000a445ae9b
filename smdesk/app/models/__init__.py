"""smdesk.app.models"""
