build-prof/main.o: src/main.c include/proxylint/diag.h \
 include/proxylint/rule.h include/proxylint/zone.h \
 include/proxylint/util.h include/proxylint/engine.h \
 include/proxylint/output.h include/proxylint/reader.h \
 include/proxylint/banned.h
include/proxylint/diag.h:
include/proxylint/rule.h:
include/proxylint/zone.h:
include/proxylint/util.h:
include/proxylint/engine.h:
include/proxylint/output.h:
include/proxylint/reader.h:
include/proxylint/banned.h:
