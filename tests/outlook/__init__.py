"""The Outlook connector against a local stand-in of Microsoft Graph and Entra ID sign-in."""
