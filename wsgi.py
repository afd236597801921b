from contact_hub.app import create_app

app = create_app()
