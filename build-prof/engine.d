build-prof/engine.o: src/engine.c include/proxylint/engine.h \
 include/proxylint/diag.h include/proxylint/rule.h \
 include/proxylint/zone.h include/proxylint/util.h \
 include/proxylint/banned.h
include/proxylint/engine.h:
include/proxylint/diag.h:
include/proxylint/rule.h:
include/proxylint/zone.h:
include/proxylint/util.h:
include/proxylint/banned.h:
