# pkg/alloc: the lab 0x08 allocator (buddy blocks + slab classes over an
# arena that grows and shrinks at its top), freestanding. `make ALLOC=buddy`
# (pkg/lib/lib.mk) compiles ALLOC_SRCS into libysos.a as the user programs'
# malloc; the host tests below link the same sources with $(HOST_CFLAGS).
ALLOC_SRCS := $(sort $(wildcard pkg/alloc/src/*.c))
ALLOC_INCLUDE := -Ipkg/alloc/include

# The tests belong to lab 0x08, but mk/stage.mk stops at LAB_MAX = 7, so
# for now they are in no TEST_LAB_N list of tests/tests.mk: they run at
# every stage. Each test also links tests/alloc/arena.c, the host arena behind the heap.
ALLOC_TESTS := test_alloc_trace test_alloc_api test_alloc_arena
$(foreach t,$(ALLOC_TESTS),$(eval $(t)_SRCS := $(ALLOC_SRCS) tests/alloc/arena.c))
$(foreach t,$(ALLOC_TESTS),$(eval $(t)_CFLAGS := $(ALLOC_INCLUDE) -Itests/alloc))
