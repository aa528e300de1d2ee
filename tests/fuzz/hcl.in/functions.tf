locals {
  s = [tostring(1), tonumber("2"), tobool("true"), tolist([1, "a"]), toset(["b", "a"]), tomap({a = 1})]
  c = [merge({a = 1}, {b = 2}), concat([1], [2]), lookup({a = 1}, "a"), lookup({}, "x", 0), keys({a = 1}), values({a = 1})]
  l = [length("abc"), element([1, 2], 3), contains([1], 1), distinct([1, 1]), flatten([[1], [2, [3]]]), compact(["", "a"])]
  z = [zipmap(["a"], [1]), range(3), range(1, 10, 3), slice([1, 2, 3], 0, 2), reverse([1, 2]), sort(["b", "a"]), index(["a"], "a")]
  o = [one([1]), alltrue([true]), anytrue([false]), setunion(["a"], ["b"]), coalesce("", "x"), coalescelist([], [1])]
  n = [min(1, 2), max(1, 2), abs(-1), ceil(1.5), floor(1.5), 1 % 0, 1 / 0, -"x"]
  t = [join(",", ["a"]), split(",", "a,b"), lower("A"), upper("a"), title("a b"), replace("a", "a", "b"), replace("a", "/a/", "b")]
  u = [trimsuffix("a.", "."), trimprefix(".a", "."), trimspace(" a "), trim("xax", "x"), chomp("a\n"), substr("abc", 1, 1)]
  v = [startswith("ab", "a"), endswith("ab", "b"), strrev("ab"), format("%s %d %05.2f %x %q %v %%", "a", 1, 1.5, 255, "q", [1])]
  w = [formatlist("%s", ["a", "b"]), jsonencode({a = [1, null]}), try(x.y, 1), can(x.y), file("x"), provider::a::b(1)]
  x = [max([1, 2]...), upper(), lookup(), format("%[2]s %[1]s", "a", "b"), format("%999s", "a")]
}
