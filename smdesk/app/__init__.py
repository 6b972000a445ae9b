"""smdesk.app"""
