import { askAndPaintFirst } from './popup/first-request';

// popup.html's classic script (its head): today's cap asked for and painted before the
// popup's modules load. Built on its own, as an IIFE (a WXT unlisted script).
export default defineUnlistedScript(askAndPaintFirst);
