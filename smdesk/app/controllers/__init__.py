"""smdesk.app.controllers"""
