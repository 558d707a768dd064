echo web
