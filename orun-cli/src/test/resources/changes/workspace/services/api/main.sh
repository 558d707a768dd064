echo api
