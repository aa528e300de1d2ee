build-prof/zone.o: src/zone.c include/proxylint/zone.h \
 include/proxylint/util.h include/proxylint/banned.h
include/proxylint/zone.h:
include/proxylint/util.h:
include/proxylint/banned.h:
