"""smdesk.sandbox"""
