import { describe, expect, it } from "vitest";
import { runEach } from "./bulk";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("runEach", () => {
  it("runs at most `limit` at once, one group after the other inside it, and every item even when some fail", async () => {
    const items = [
      { id: 1, user: "a" },
      { id: 2, user: "a" },
      { id: 3, user: "b" },
      { id: 4, user: "c" },
      { id: 5, user: "d" },
      { id: 6, user: "a" },
    ];
    let running = 0;
    let most = 0;
    const busy = new Set<string>();
    const done: number[] = [];
    await runEach(items, 2, (i) => i.user, async (i) => {
      expect(busy.has(i.user)).toBe(false);
      busy.add(i.user);
      most = Math.max(most, ++running);
      await tick();
      running--;
      busy.delete(i.user);
      done.push(i.id);
      if (i.id === 3) throw new Error("one item failing");
    });
    expect(most).toBe(2);
    expect([...done].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    // One user's items keep their order.
    expect(done.filter((id) => [1, 2, 6].includes(id))).toEqual([1, 2, 6]);
  });

  it("does nothing for no items", async () => {
    let called = false;
    await runEach([], 3, String, async () => {
      called = true;
    });
    expect(called).toBe(false);
  });
});
