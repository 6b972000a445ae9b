"""smdesk.batch"""
