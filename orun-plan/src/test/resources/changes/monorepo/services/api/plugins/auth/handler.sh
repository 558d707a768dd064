echo auth
