"""smdesk.store"""
