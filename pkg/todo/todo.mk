# pkg/todo: LAB_TODO, the stub of a lab hole (header only; see todo/todo.h).
# Every compiler finds it through STAGE_CFLAGS (mk/stage.mk).
