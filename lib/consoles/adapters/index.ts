import type { ConsoleAdapter } from '../schema';
import { demo } from './demo';
import { douyin } from './douyin';
import { jd } from './jd';
import { pinduoduo } from './pinduoduo';
import { qianniu } from './qianniu';
import { shopee } from './shopee';

/** The consoles supported out of the box; the demo console only loads in the demo build. */
export const BUILT_IN_ADAPTERS: readonly ConsoleAdapter[] = [pinduoduo, douyin, jd, shopee, qianniu, demo];
