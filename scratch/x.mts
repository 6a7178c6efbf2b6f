import { readdirSync, readFileSync } from 'node:fs';
