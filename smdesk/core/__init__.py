"""smdesk.core"""
