/** Issue 8: the voting sliders re-run FaceVoting from stored results and can change the main track. */
import { expect, openApp, test } from './fixtures';
import { analyseFile, bigFaceLeavesEarly, snap } from './ui-helpers';

interface Row {
  id: number;
  winner: boolean;
  wFreq: number;
  wSize: number;
  wProb: number;
}

test('moving the voting sliders makes the smaller face win, from stored results', async ({ page, watch }, testInfo) => {
  await openApp(page, '?backend=wasm&fps=5');
  await analyseFile(page, bigFaceLeavesEarly());
  const rows = page.locator('[data-testid=vote-inspector] tbody tr');
  await expect(rows).toHaveCount(2);
  const read = () =>
    rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const d = (tr as HTMLElement).dataset;
        return { id: Number(d.trackId), winner: d.winner === 'true', wFreq: Number(d.wFreq), wSize: Number(d.wSize), wProb: Number(d.wProb) };
      }),
    );
  const before: Row[] = await read();
  const main = before.find((r) => r.winner)!;
  const other = before.find((r) => !r.winner)!;
  // The left face is twice as big and surer, so it wins with equal weights although it leaves early.
  expect(main.wSize).toBeGreaterThan(other.wSize);
  await snap(page, testInfo, 'two-faces-default');
  const frames = Number(await page.getByTestId('progress').getAttribute('data-frames'));

  // Which term favours the smaller face is read from the data: size never does, so c_size goes to 0,
  // the term where the small face is ahead goes to the top and the other term to 0.
  const viaProb = other.wProb - main.wProb > other.wFreq - main.wFreq;
  expect(Math.max(other.wProb - main.wProb, other.wFreq - main.wFreq), 'no term favours the smaller face').toBeGreaterThan(0);
  await page.getByTestId('slider-cSize').fill('0');
  await page.getByTestId(viaProb ? 'slider-cFreq' : 'slider-cProb').fill('0');
  await page.getByTestId(viaProb ? 'slider-cProb' : 'slider-cFreq').fill('5');
  await expect(page.locator(`[data-testid=vote-inspector] tr[data-track-id="${other.id}"]`)).toHaveAttribute('data-winner', 'true');
  // Nothing was decoded again.
  await expect(page.getByTestId('progress')).toHaveAttribute('data-frames', String(frames));
  await expect(page.getByTestId('pyramid-view')).toHaveAttribute('data-track-id', String(other.id));
  await snap(page, testInfo, 'two-faces-small-wins');

  // Back to the defaults: the bigger face wins again.
  await page.getByTestId('slider-cSize').fill('1');
  await page.getByTestId('slider-cFreq').fill('1');
  await page.getByTestId('slider-cProb').fill('1');
  await expect(page.locator(`[data-testid=vote-inspector] tr[data-track-id="${main.id}"]`)).toHaveAttribute('data-winner', 'true');
  expect(watch.consoleErrors).toEqual([]);
});
